using RaftChaos.TestSupport;
using System.Text.RegularExpressions;
using RaftChaos.Checker.History;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Rendering;
using RaftChaos.Report.Tests.Support;

namespace RaftChaos.Report.Tests.Browser;

/// <summary>
/// Loads real reports in headless Chromium: the DOM after the page script ran has one <c>data-op</c> element per invoke
/// (the histories here fit on one timeline page), counterexample elements for an invalid history, fault windows for a
/// run with faults, and a screenshot of the first screen is written (kept in the test's work folder, attached to the run).
/// </summary>
[NonParallelizable]
public sealed partial class ReportInBrowserTests
{
    [Test]
    public async Task Report_InvalidHistory_DrawsEveryOperationAndTheCounterexample()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var historyPath = InvalidHistoryPath(temp);

        var (html, model) = await WriteReportAsync(historyPath, temp.File("report.html"));
        var dom = await browser.DumpDomAsync(html, CancellationToken.None);

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        Assert.That(model.Pages, Has.Count.EqualTo(1), "the test history fits on one page, so every operation is drawn");
        AssertOnePerInvoke(dom, historyPath);
        Assert.That(CounterexamplePattern().Matches(dom), Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(dom, Does.Contain("Not linearizable"));
        await ScreenshotAsync(browser, html, "invalid");
    }

    [Test]
    public async Task Report_RunWithFaults_DrawsEveryOperationAndShadesTheFaults()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = Directory.CreateDirectory(temp.File("run")).FullName;
        TestHistories.Write(Path.Combine(run, "history.jsonl"), TestHistories.Generated(300, 2));
        File.WriteAllText(Path.Combine(run, "results.json"), TestHistories.WithFaultsResults);
        Directory.CreateDirectory(Path.Combine(run, "nodes"));
        File.WriteAllText(Path.Combine(run, "nodes", "n1.log"), "started\n");

        var (html, model) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName));
        var dom = await browser.DumpDomAsync(html, CancellationToken.None);

        Assert.That(model.Pages, Has.Count.EqualTo(1));
        AssertOnePerInvoke(dom, Path.Combine(run, "history.jsonl"));
        Assert.That(dom, Does.Contain("data-fault=\"partition\"").And.Contain("data-fault=\"kill\""));
        Assert.That(dom, Does.Contain("href=\"nodes/n1.log\"").And.Contain("href=\"history.jsonl\""));
        Assert.That(dom, Does.Contain("raftchaos run --seed 7"));
        await ScreenshotAsync(browser, html, "faults");
    }

    [Test]
    public async Task Report_LinearizableRunWithTwoLeaders_ShowsElectionSafetyViolated()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var (html, model, dom) = await LinearizableRunAsync(browser, temp, TestHistories.TwoLeadersResults);

        Assert.That((model.Summary.Verdict, model.Summary.Linearizable), Is.EqualTo(("invalid", "valid")));
        Assert.Multiple(() =>
        {
            Assert.That(dom, Does.Contain("class=\"banner invalid\""));
            Assert.That(BannerWordPattern().Match(dom).Groups[1].Value, Is.EqualTo("Election safety violated"), "not \"Not linearizable\": the history is");
            Assert.That(dom, Does.Contain("<b>election safety (node logs): term 4 had 2 leaders: n1, n3</b>"));
            Assert.That(dom, Does.Contain("The history itself is linearizable (from checker)."));
            Assert.That(dom, Does.Contain("<section id=\"election-safety\">"), "the section is shown");
            Assert.That(ElectionRowPattern().Matches(dom).Select(m => m.Groups[1].Value + "|" + m.Groups[2].Value), Is.EqualTo(new[] { "4|n1, n3" }));
        });
        await ScreenshotAsync(browser, html, "two-leaders");
    }

    [Test]
    public async Task Report_LinearizableRunWithAContradictedCommittedEntry_ShowsStateMachineSafetyViolated()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var (html, model, dom) = await LinearizableRunAsync(browser, temp, TestHistories.ConflictingEntryResults);

        Assert.That((model.Summary.Verdict, model.Summary.Linearizable), Is.EqualTo(("invalid", "valid")));
        Assert.Multiple(() =>
        {
            Assert.That(dom, Does.Contain("class=\"banner invalid\""));
            Assert.That(BannerWordPattern().Match(dom).Groups[1].Value, Is.EqualTo("State-machine safety violated"));
            Assert.That(dom, Does.Contain("<b>state-machine safety (node logs): n2 had committed entry 6 of term 6; a leader sent entry 6 of term 7</b>"));
            Assert.That(dom, Does.Contain("href=\"#state-machine-safety\""), "the banner links to the finding");
            Assert.That(dom, Does.Contain("<section id=\"state-machine-safety\">"), "the section is shown");
            Assert.That(dom, Does.Contain("<section id=\"election-safety\" hidden=\"\">"), "election safety held: its section stays hidden");
            Assert.That(ConflictRowPattern().Matches(dom).Select(m => string.Join("|", m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value)),
                Is.EqualTo(new[] { "n2|6|6|7" }));
        });
        await ScreenshotAsync(browser, html, "overwritten-entry");
    }

    // A run folder with a linearizable history and the given results.json, its report written and loaded.
    private static async Task<(string Html, RaftChaos.Report.Model.ReportModel Model, string Dom)> LinearizableRunAsync(HeadlessChromium browser, TempFolder temp, string resultsJson)
    {
        var run = Directory.CreateDirectory(temp.File("run")).FullName;
        TestHistories.Write(Path.Combine(run, "history.jsonl"), TestHistories.WithFaults);
        File.WriteAllText(Path.Combine(run, "results.json"), resultsJson);
        var (html, model) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName));
        return (html, model, await browser.DumpDomAsync(html, CancellationToken.None));
    }

    // etcd_000 from the shared Porcupine corpus when present; else a generated history with wrong reads.
    private static string InvalidHistoryPath(TempFolder temp)
    {
        var histories = SharedHistories.TryFindFolder();
        var etcd = histories is null ? null : Path.Combine(histories.FullName, "porcupine", "etcd", "etcd_000.jsonl");
        if (etcd is not null && File.Exists(etcd))
        {
            return etcd;
        }

        var path = temp.File("invalid.jsonl");
        TestHistories.Write(path, TestHistories.Generated(400, 0, wrongReads: 0.05));
        return path;
    }

    private static async Task<(string Html, RaftChaos.Report.Model.ReportModel Model)> WriteReportAsync(string input, string htmlPath)
    {
        var folder = RunFolder.Locate(input);
        var loaded = await ReportInputLoader.LoadAsync(
            folder, new ReportLoadOptions { OutputDirectory = Path.GetDirectoryName(htmlPath) }, CancellationToken.None);
        var model = ReportBuilder.Build(loaded);
        await ReportWriter.WriteAsync(model, htmlPath, CancellationToken.None);
        return (htmlPath, model);
    }

    private static void AssertOnePerInvoke(string dom, string historyPath)
    {
        var history = OperationHistory.Load(historyPath);
        var drawn = DataOpPattern().Matches(dom).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(drawn, Has.Count.EqualTo(history.Operations.Count), "one data-op element per invoke");
        Assert.That(drawn.Order(), Is.EqualTo(history.Operations.Select(o => o.InvokePosition).Order()), "data-op is the invoke event's index");
    }

    private static async Task ScreenshotAsync(HeadlessChromium browser, string html, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")).FullName;
        var png = Path.Combine(folder, $"report-{name}.png");
        File.Delete(png);
        await browser.ScreenshotAsync(html, png, 1400, 900, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        Assert.That(bytes.Length, Is.GreaterThan(20_000), "a drawn page, not a blank one");
        TestContext.AddTestAttachment(png);
        TestContext.Out.WriteLine($"screenshot: {png} ({bytes.Length:N0} bytes)");
    }

    [GeneratedRegex("\\sdata-op=\"(\\d+)\"")]
    private static partial Regex DataOpPattern();

    [GeneratedRegex("<tr data-election-term=\"(\\d+)\"><td class=\"num\">\\d+</td><td class=\"mono\">([^<]*)</td></tr>")]
    private static partial Regex ElectionRowPattern();

    [GeneratedRegex("<tr data-conflict-index=\"\\d+\"><td class=\"mono\">([^<]*)</td><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td></tr>")]
    private static partial Regex ConflictRowPattern();

    [GeneratedRegex("<span class=\"word\">([^<]*)</span>")]
    private static partial Regex BannerWordPattern();

    [GeneratedRegex("\\sdata-counterexample=\"")]
    private static partial Regex CounterexamplePattern();
}
