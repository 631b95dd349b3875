using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
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

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.File("invalid.jsonl")), ReportRun.Empty, new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check?.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(input.Model, Is.EqualTo("cas-register"));
        Assert.That(input.Links.Select(l => l.Href), Is.EqualTo(new[] { "invalid.jsonl" }));
    }

    [TestCase(Verdict.Valid)]
    [TestCase(Verdict.Unknown)]
    public async Task LoadAsync_RunRecordsAValidOrUnknownLinearizability_TrustsItWithoutChecking(Verdict recorded)
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.Invalid);
        var run = ReportRun.Empty with { Model = "register", Checks = [new CheckOutcome(LinearizabilityOutcome.Name, recorded, [])] };

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.Path), run, new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check, Is.Null, "the history is not linearizable: a check would have said so");
        Assert.That((input.Model, input.Run), Is.EqualTo(("register", run)));
    }

    [Test]
    public async Task LoadAsync_RunRecordsInvalidLinearizability_ChecksToDrawTheCounterexampleAndKeepsTheRecord()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.Invalid);
        var run = ReportRun.Empty with { Checks = [new CheckOutcome(LinearizabilityOutcome.Name, Verdict.Invalid, [new Finding("recorded")])] };

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.Path), run, new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check?.FailingKeys.Single().Counterexample, Is.Not.Null);
        Assert.That(input.Run, Is.SameAs(run));
    }

    [Test]
    public async Task LoadAsync_RunWithOtherChecksOnly_ChecksLinearizability()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.WithFaults);

        var input = await ReportInputLoader.LoadAsync(RunFolder.Locate(temp.Path), TestRuns.WithInvalidNodeLogCheck with { Checks = [TestRuns.WithInvalidNodeLogCheck.Checks[1]] },
            new ReportLoadOptions(), CancellationToken.None);

        Assert.That(input.Check?.Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public async Task LoadAsync_ForcedModel_ChecksAgainAndTheNewOutcomeReplacesTheRecordedOne()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.Invalid);
        var run = ReportRun.Empty with { Model = "kv", Checks = [CheckOutcome.Valid(LinearizabilityOutcome.Name), CheckOutcome.Valid("other")] };

        var input = await ReportInputLoader.LoadAsync(
            RunFolder.Locate(temp.Path), run, new ReportLoadOptions { ModelName = "register" }, CancellationToken.None);

        Assert.That((input.Model, input.Check?.Verdict), Is.EqualTo(("register", (Verdict?)Verdict.Invalid)));
        Assert.That(input.Run.Checks.Select(c => (c.Name, c.Verdict)), Is.EqualTo(new[] { (LinearizabilityOutcome.Name, Verdict.Invalid), ("other", Verdict.Valid) }));
    }

    [Test]
    public async Task LoadAsync_RunFolder_LinksEveryJsonAndLogBesideTheHistoryAndTheNodeLogs()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.WithFaults);
        File.WriteAllText(temp.File("run.json"), "{}");
        File.WriteAllText(temp.File("controller.log"), "");
        File.WriteAllText(temp.File("report.html"), "");
        File.WriteAllText(temp.File("notes.txt"), "");
        Directory.CreateDirectory(temp.File("nodes"));
        File.WriteAllText(temp.File("nodes/n2.log"), "");
        File.WriteAllText(temp.File("nodes/n1.log"), "");
        File.WriteAllText(temp.File("nodes/n1.data"), "");

        var input = await ReportInputLoader.LoadAsync(
            RunFolder.Locate(temp.Path), ReportRun.Empty, new ReportLoadOptions { OutputDirectory = temp.File("out") }, CancellationToken.None);

        Assert.That(input.Links.Select(l => (l.Label, l.Href)), Is.EqualTo(new[]
        {
            ("history.jsonl", "../history.jsonl"),
            ("controller.log", "../controller.log"),
            ("run.json", "../run.json"),
            ("nodes/n1.log", "../nodes/n1.log"),
            ("nodes/n2.log", "../nodes/n2.log"),
        }));
    }

    [Test]
    public void Locate_HistoryNotNamedAsARunsHistory_LinksNothingElse()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("other.jsonl"), TestHistories.WithFaults);
        File.WriteAllText(temp.File("run.json"), "{}");

        Assert.That(RunFolder.Locate(temp.File("other.jsonl")).Files, Is.Empty);
    }

    [Test]
    public void FromMemory_HistoryAndCheckInMemory_UsesThemAsTheyAre()
    {
        using var temp = new TempFolder();
        TestHistories.Write(temp.File("history.jsonl"), TestHistories.WithFaults);
        File.WriteAllText(temp.File("controller.log"), "");
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");
        var check = new LinearizabilityChecker().Check(history, BuiltInModels.Infer(history));

        var input = ReportInputLoader.FromMemory(history, check, TestRuns.WithFaults, RunFolder.Locate(temp.Path));

        Assert.That(input.History, Is.SameAs(history));
        Assert.That(input.Check, Is.SameAs(check));
        Assert.That(input.Model, Is.EqualTo(check.Model));
        Assert.That(input.Links.Select(l => l.Href), Is.EqualTo(new[] { "history.jsonl", "controller.log" }));
    }

    [Test]
    public async Task LoadAsync_MalformedHistory_ThrowsWithFileAndLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.jsonl"), TestHistories.Invalid.Split('\n')[0] + "\n{\"index\":1,\"process\":0,\"type\":\"nope\"}\n");

        var ex = (await Assert.ThrowsAsync<HistoryFormatException>(() =>
            ReportInputLoader.LoadAsync(RunFolder.Locate(temp.File("bad.jsonl")), ReportRun.Empty, new ReportLoadOptions(), CancellationToken.None)))!;

        Assert.That(ex.Line, Is.EqualTo(2));
    }

    [Test]
    public void Locate_FolderWithoutHistory_ThrowsFileNotFound()
    {
        using var temp = new TempFolder();

        Assert.Throws<FileNotFoundException>(() => RunFolder.Locate(temp.Path));
    }
}
