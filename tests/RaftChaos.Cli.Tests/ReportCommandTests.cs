namespace RaftChaos.Cli.Tests;

public class ReportCommandTests
{
    [Test]
    public async Task Report_InvalidHistory_WritesSelfContainedReportAndExits1()
    {
        using var files = new HistoryFiles();
        var history = files.StaleRead();
        var outDir = Path.Combine(files.Directory, "out");

        var run = await CliRun.InvokeAsync("report", history, "--model", "cas-register", "--out", outDir);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid), run.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.That(html, Does.Contain("data-counterexample"));
        Assert.That(html, Does.Not.Contain("https://"), "the report must not load anything from the network");
    }

    [Test]
    public async Task Report_MissingFolder_Exits66NamingIt()
    {
        using var files = new HistoryFiles();
        var path = Path.Combine(files.Directory, "no-such-run");
        var run = await CliRun.InvokeAsync("report", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoInput), run.ToString());
        Assert.That(run.Error, Does.Contain("no-such-run"));
    }

    [Test]
    public async Task Report_MalformedHistory_Exits65()
    {
        using var files = new HistoryFiles();
        var run = await CliRun.InvokeAsync("report", files.Malformed());
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError), run.ToString());
        Assert.That(run.Error, Does.Contain("malformed.jsonl:2"));
    }
}
