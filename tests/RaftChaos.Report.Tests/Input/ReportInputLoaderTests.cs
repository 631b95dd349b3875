using RaftChaos.Checker.History;
using RaftChaos.Report.Input;
using RaftChaos.Report.Tests.Support;

namespace RaftChaos.Report.Tests.Input;

public sealed class ReportInputLoaderTests
{
    [Test]
    public async Task LoadAsync_HistoryAlone_RunsTheChecker()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("invalid.jsonl"), TestHistories.Invalid);

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.File("invalid.jsonl")), new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check?.Verdict, Is.EqualTo(RaftChaos.Checker.Verdict.Invalid));
        Assert.That(input.Model, Is.EqualTo("cas-register"));
        Assert.That(input.Links.Select(l => l.Href), Is.EqualTo(new[] { "invalid.jsonl" }));
    }

    [Test]
    public async Task LoadAsync_RunFolderWithValidResults_TrustsThemAndLinksTheLogs()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.WithFaults);
        File.WriteAllText(temp.File("results.json"), """{ "verdict": "valid", "model": "kv" }""");
        File.WriteAllText(temp.File("controller.log"), "");
        Directory.CreateDirectory(temp.File("nodes"));
        File.WriteAllText(temp.File("nodes/n2.log"), "");
        File.WriteAllText(temp.File("nodes/n1.log"), "");

        var input = await ReportInputLoader.LoadAsync(
            RunFolder.Locate(temp.Path), new ReportLoadOptions { OutputDirectory = temp.File("out") }, CancellationToken.None);

        Assert.That(input.Check, Is.Null, "a valid results.json is trusted: no re-check");
        Assert.That(input.Results.Verdict, Is.EqualTo("valid"));
        Assert.That(input.Links.Select(l => (l.Label, l.Href)), Is.EqualTo(new[]
        {
            ("history.jsonl", "../history.jsonl"),
            ("results.json", "../results.json"),
            ("controller.log", "../controller.log"),
            ("nodes/n1.log", "../nodes/n1.log"),
            ("nodes/n2.log", "../nodes/n2.log"),
        }));
    }

    [Test]
    public async Task LoadAsync_ResultsSayInvalid_ReChecksToDrawTheCounterexample()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.Invalid);
        File.WriteAllText(temp.File("results.json"), """{ "verdict": "invalid" }""");

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.Path), new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check?.FailingKeys.Single().Counterexample, Is.Not.Null);
    }

    [Test]
    public async Task LoadAsync_MalformedHistory_ThrowsWithFileAndLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.jsonl"), TestHistories.Invalid.Split('\n')[0] + "\n{\"index\":1,\"process\":0,\"type\":\"nope\"}\n");

        var ex = (await Assert.ThrowsAsync<HistoryFormatException>(() =>
            ReportInputLoader.LoadAsync(RunFolder.Locate(temp.File("bad.jsonl")), new ReportLoadOptions(), CancellationToken.None)))!;

        Assert.That(ex.Line, Is.EqualTo(2));
    }

    [Test]
    public void Locate_FolderWithoutHistory_ThrowsFileNotFound()
    {
        using var temp = new TempFolder();

        Assert.Throws<FileNotFoundException>(() => RunFolder.Locate(temp.Path));
    }
}
