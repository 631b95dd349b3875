using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RaftChaos.Checker.History;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;
using RaftChaos.Report.Rendering;
using RaftChaos.Report.Tests.Support;
using RaftChaos.TestSupport;

namespace RaftChaos.Report.Tests.Browser;

/// <summary>
/// Loads real reports in headless Chromium: the DOM after the page script ran has one <c>data-op</c> element per invoke
/// (the histories here fit on one timeline page unless a test pages on purpose), the checks and their findings, lanes,
/// stacked fault labels and the overview strip; probes run in the page to click and to measure the layout. Screenshots
/// of the first screens are kept in the test's work folder (and in <c>RAFTCHAOS_SCREENSHOTS</c> when set).
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

        var (html, model) = await WriteReportAsync(historyPath, temp.File("report.html"), ReportRun.Empty);
        var dom = await browser.DumpDomAsync(html, CancellationToken.None);

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        Assert.That(model.Pages, Has.Count.EqualTo(1), "the test history fits on one page, so every operation is drawn");
        AssertOnePerInvoke(dom, historyPath);
        Assert.That(CounterexamplePattern().Matches(dom), Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(BannerWordPattern().Match(dom).Groups[1].Value, Is.EqualTo("Invalid"));
        Assert.That(dom, Does.Contain("data-failed=\"linearizability\"").And.Contain("href=\"#counterexample\""));
        await ScreenshotAsync(browser, html, "invalid");
    }

    [Test]
    public async Task Report_InvalidHistory_PrefixTableOpensScrolledToItsEnd()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var (html, model) = await WriteReportAsync(InvalidHistoryPath(temp), temp.File("report.html"), ReportRun.Empty);

        var probe = await ProbeAsync(browser, html, """
            const box = document.querySelector('#counterexample .cx-prefix'), rows = box.querySelectorAll('tr[data-counterexample="prefix"]');
            const b = box.getBoundingClientRect(), last = rows[rows.length - 1].getBoundingClientRect(), first = rows[0].getBoundingClientRect();
            return { scrollable: box.scrollHeight > box.clientHeight + 1, lastShown: last.top >= b.top - 1 && last.bottom <= b.bottom + 1, firstHidden: first.bottom <= b.top + 1 };
            """);

        Assert.That(model.Counterexamples[0].Prefix.Count, Is.GreaterThan(15), "enough steps to need scrolling");
        Assert.That(probe.GetProperty("scrollable").GetBoolean(), Is.True, "the table is taller than its box");
        Assert.That(probe.GetProperty("lastShown").GetBoolean(), Is.True, "the step just before the failure is in view");
        Assert.That(probe.GetProperty("firstHidden").GetBoolean(), Is.True, "the box is scrolled, not merely tall");
    }

    [Test]
    public async Task Report_CleanRun_ValidBannerEveryCheckPassedAndTheRunsWords()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = CleanRunFolder(temp);
        var report = TestRuns.WithLane(new LaneSegment(0, null, "n1"));

        var (html, model) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName), report);
        var dom = await browser.DumpDomAsync(html, CancellationToken.None);

        Assert.That(model.Pages, Has.Count.EqualTo(1));
        AssertOnePerInvoke(dom, Path.Combine(run, "history.jsonl"));
        Assert.Multiple(() =>
        {
            Assert.That(dom, Does.Contain("class=\"banner valid\""));
            Assert.That(BannerWordPattern().Match(dom).Groups[1].Value, Is.EqualTo("Valid"));
            Assert.That(dom, Does.Contain("Every check passed: <b>linearizability</b>."));
            Assert.That(CheckPattern().Matches(dom).Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value), Is.EqualTo(new[] { "linearizability=valid" }));
            Assert.That(dom, Does.Contain("data-fault=\"partition\"").And.Contain("data-fault=\"kill\""));
            Assert.That(dom, Does.Contain("href=\"nodes/n1.log\"").And.Contain("href=\"history.jsonl\""));
            Assert.That(dom, Does.Contain("replay --seed 7"));
            Assert.That(dom, Does.Contain("<dt>Rate</dt><dd>100 operations/s</dd>"), "the configuration as the run worded it");
            Assert.That(dom, Does.Contain("<dt>Time unavailable</dt><dd>3.5 ms</dd>").And.Contain("<dt>longest gap between acknowledged operations</dt>"));
        });
        await ScreenshotAsync(browser, html, "clean", 1400, 1600);
    }

    [Test]
    public async Task Report_LinearizableRunWithAnInvalidNodeLogCheck_ShowsTheCheckItsFindingAndWhereItHappened()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = CleanRunFolder(temp);
        var history = OperationHistory.Load(Path.Combine(run, "history.jsonl"));
        var at = (history.Operations[0].InvokeTime + history.Operations[^1].InvokeTime) / 2;

        var (html, model) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName), TestRuns.WithInvalidNodeLogCheckAt(at / 1e9));
        var dom = await browser.DumpDomAsync(html, CancellationToken.None);

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        Assert.Multiple(() =>
        {
            Assert.That(dom, Does.Contain("class=\"banner invalid\""));
            Assert.That(BannerWordPattern().Match(dom).Groups[1].Value, Is.EqualTo("Invalid"));
            Assert.That(dom, Does.Contain("data-failed=\"primary-safety\""), "the banner names the failed check alone");
            Assert.That(dom, Does.Contain($"Failed: <b>primary-safety</b> ({TestRuns.NodeLogFinding})."));
            Assert.That(dom, Does.Contain("Passed: <b>linearizability</b>, <b>log-safety</b>.").And.Contain("href=\"#checks\""));
            Assert.That(CheckPattern().Matches(dom).Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value),
                Is.EqualTo(new[] { "linearizability=valid", "primary-safety=invalid", "log-safety=valid" }));
            Assert.That(FindingPattern().Matches(dom).Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value), Is.EqualTo(new[] { "primary-safety: " + TestRuns.NodeLogFinding }));
            var overview = dom[dom.IndexOf("<svg id=\"overview-svg\"", StringComparison.Ordinal)..];
            overview = overview[..overview.IndexOf("</svg>", StringComparison.Ordinal)];
            Assert.That(MarkPattern().Matches(overview).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "primary-safety" }), "marked on the overview strip");
            var timeline = dom[dom.IndexOf("<div id=\"timeline-body\"", StringComparison.Ordinal)..dom.IndexOf("<section id=\"latency\"", StringComparison.Ordinal)];
            Assert.That(MarkPattern().Matches(timeline).Select(m => m.Groups[1].Value),
                Is.EqualTo(new[] { "primary-safety", "primary-safety" }), "marked on the timeline, in both keys' sections (both span the moment)");
            Assert.That(dom, Does.Contain("<section id=\"counterexample\" hidden=\"\"></section>"), "no counterexample: the history is linearizable");
        });
        await ScreenshotAsync(browser, html, "invalid-check", 1400, 1600);
    }

    [Test]
    public async Task Report_Lane_DrawnAsALabelledStripAboveTheProcessRows()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = CleanRunFolder(temp);
        var history = OperationHistory.Load(Path.Combine(run, "history.jsonl"));
        var (first, last) = (history.Operations[0].InvokeTime / 1e9, history.Operations[^1].InvokeTime / 1e9);
        var lane = TestRuns.WithLane(new LaneSegment(first, (first + last) / 2, "n1"), new LaneSegment((first + last) / 2, null, "n3"));
        var (html, _) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName), lane);

        var probe = await ProbeAsync(browser, html, """
            const svg = document.querySelector('#timeline-body svg.tl'), lane = svg.querySelector('[data-lane="primary"]');
            const rows = [...svg.querySelectorAll('.row-label')].map(r => r.getBBox().y);
            return { label: lane.querySelector('.lane-label').textContent, spans: [...lane.querySelectorAll('[data-lane-span]')].map(s => s.getAttribute('data-lane-span')),
                     laneBottom: lane.getBBox().y + lane.getBBox().height, firstRow: Math.min(...rows) };
            """);

        Assert.That(probe.GetProperty("label").GetString(), Is.EqualTo("primary"));
        Assert.That(probe.GetProperty("spans").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "n1", "n3" }));
        Assert.That(probe.GetProperty("laneBottom").GetDouble(), Is.LessThanOrEqualTo(probe.GetProperty("firstRow").GetDouble()), "above the first process row");
    }

    [Test]
    public async Task Report_OverviewClick_ShowsTheTimelinePageHoldingThatMoment()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = Directory.CreateDirectory(temp.File("run")).FullName;
        TestHistories.Write(Path.Combine(run, "history.jsonl"), TestHistories.Generated(2_500, 1));
        var (html, model) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName), ReportRun.Empty);
        var target = model.Pages[1].Sections.Single();
        var moment = (target.Start + target.End) / 2;

        var probe = await ProbeAsync(browser, html, $$"""
            const svg = document.getElementById('overview-svg'), r = svg.getBoundingClientRect();
            const left = Number(svg.dataset.left), right = Number(svg.dataset.right), end = Number(svg.dataset.end);
            const before = document.getElementById('timeline-body').getAttribute('data-page');
            const px = left + {{moment}} / end * (right - left);
            svg.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + px * r.width / svg.viewBox.baseVal.width, clientY: r.top + 20 }));
            const cursor = document.querySelector('#timeline-body [data-cursor]');
            return { before, after: document.getElementById('timeline-body').getAttribute('data-page'), cursor: cursor ? Number(cursor.getAttribute('data-cursor')) : -1,
                     outline: document.getElementById('overview-view').getAttribute('data-page') };
            """);

        Assert.That(model.Pages, Has.Count.EqualTo(3), "one key of 2,500 operations: three time slices");
        Assert.That(probe.GetProperty("before").GetString(), Is.EqualTo("0"));
        Assert.That(probe.GetProperty("after").GetString(), Is.EqualTo("1"), "the page whose slice holds the moment clicked");
        Assert.That(probe.GetProperty("outline").GetString(), Is.EqualTo("1"), "the strip outlines the page now shown");
        Assert.That(probe.GetProperty("cursor").GetDouble(), Is.EqualTo((double)moment).Within((target.End - target.Start) / 100.0), "a cursor marks the moment");
    }

    [Test]
    public async Task Report_CompletionsWithReasons_TooltipSaysWhyAndWhereAndTheLegendListsOnlyThePresentReasons()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var path = temp.File("history.jsonl");
        File.WriteAllText(path, TestHistories.WithReasons);
        var (html, _) = await WriteReportAsync(path, temp.File("report.html"), ReportRun.Empty);

        var probe = await ProbeAsync(browser, html, """
            const tipOf = idx => { document.querySelector(`#timeline-body [data-op="${idx}"]`).dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
                                   return document.getElementById('tooltip').innerText; };
            return { refused: tipOf(2), redirected: tipOf(0),
                     legend: [...document.querySelectorAll('[data-reason-legend]')].map(e => e.getAttribute('data-reason-legend')),
                     stripes: document.querySelectorAll('#timeline-body .reason-stripe').length,
                     table: [...document.querySelectorAll('#reasons td')].map(e => e.textContent) };
            """);

        var refused = probe.GetProperty("refused").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(refused, Does.Contain(ErrorCode.Refused.Code).And.Contain(ErrorCode.Refused.Meaning), "the reason and what it means");
            Assert.That(refused, Does.Contain("ended on").And.Contain("n3"));
            Assert.That(probe.GetProperty("redirected").GetString(), Does.Contain("redirected from n2").And.Contain("n1"));
            Assert.That(probe.GetProperty("legend").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { ErrorCode.CasMismatch.Code, ErrorCode.Refused.Code, ErrorCode.Deadline.Code, "from-the-future" }), "only the reasons present");
            Assert.That(probe.GetProperty("stripes").GetInt32(), Is.EqualTo(5), "one stripe per fail or info with a reason");
            Assert.That(probe.GetProperty("table").EnumerateArray().Select(e => e.GetString()), Does.Contain("no reason recorded").And.Contain("redirected"));
        });
    }

    [Test]
    public async Task Report_CleanAndInvalidRunsWithReasons_Screenshots()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var clean = temp.File("clean.jsonl");
        TestHistories.Write(clean, TestHistories.WithReasonsAdded(TestHistories.Generated(300, 2)));
        var invalid = temp.File("invalid.jsonl");
        TestHistories.Write(invalid, TestHistories.WithReasonsAdded(TestHistories.Generated(300, 2, wrongReads: 0.05)));

        var (cleanHtml, cleanModel) = await WriteReportAsync(clean, temp.File("clean.html"), ReportRun.Empty);
        var (invalidHtml, invalidModel) = await WriteReportAsync(invalid, temp.File("invalid.html"), ReportRun.Empty);

        Assert.That((cleanModel.Summary.Verdict, invalidModel.Summary.Verdict), Is.EqualTo(("valid", "invalid")));
        Assert.That(cleanModel.Summary.Reasons, Is.Not.Empty);
        await ScreenshotAsync(browser, cleanHtml, "reasons-clean", height: 1400);
        await ScreenshotAsync(browser, invalidHtml, "reasons-invalid", height: 1400);
    }

    [Test]
    public async Task Report_CrowdedFaults_LabelsNameTheirTargetsAndNeverOverlap()
    {
        var browser = HeadlessChromium.Require();
        using var temp = new TempFolder();
        var run = Directory.CreateDirectory(temp.File("run")).FullName;
        var events = TestHistories.WithNemesis(
            TestHistories.Generated(300, 1),
            (0.30, "start-partition", """{"n1":["n2","n3"],"n2":["n1"],"n3":["n1"]}"""),
            (0.305, "pause", """["n1"]"""),
            (0.31, "kill", """["n2"]"""),
            (0.315, "bump-clock", """{"n3":250}"""),
            (0.32, "resume", """["n1"]"""),
            (0.33, "start", """["n2"]"""),
            (0.34, "stop-partition", "null"));
        TestHistories.Write(Path.Combine(run, "history.jsonl"), events);
        var (html, _) = await WriteReportAsync(run, Path.Combine(run, ReportWriter.FileName), ReportRun.Empty);

        var probe = await ProbeAsync(browser, html, """
            const svg = document.querySelector('#timeline-body svg.tl');
            const boxes = [...svg.querySelectorAll('.fault-label')].map(t => ({ text: t.textContent, b: t.getBBox() }));
            let overlaps = 0;
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i].b, b = boxes[j].b;
              if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
            }
            return { labels: boxes.map(x => x.text), overlaps, rows: new Set(boxes.map(x => Math.round(x.b.y))).size };
            """);

        var labels = probe.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToArray();
        Assert.That(labels, Is.SupersetOf(new[] { "partition {n1} | {n2,n3}", "pause n1", "kill n2", "bump-clock n3=250" }));
        Assert.That(probe.GetProperty("rows").GetInt32(), Is.GreaterThan(1), "faults this close need more than one row of labels");
        Assert.That(probe.GetProperty("overlaps").GetInt32(), Is.Zero);
        await ScreenshotAsync(browser, html, "crowded-faults", 1400, 1400);
    }

    // A run folder with a generated linearizable history (300 operations, 2 keys, a partition and a kill) and a node log.
    private static string CleanRunFolder(TempFolder temp)
    {
        var run = Directory.CreateDirectory(temp.File("run")).FullName;
        TestHistories.Write(Path.Combine(run, "history.jsonl"), TestHistories.Generated(300, 2));
        Directory.CreateDirectory(Path.Combine(run, "nodes"));
        File.WriteAllText(Path.Combine(run, "nodes", "n1.log"), "started\n");
        return run;
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

    private static async Task<(string Html, ReportModel Model)> WriteReportAsync(string input, string htmlPath, ReportRun run)
    {
        var folder = RunFolder.Locate(input);
        var loaded = await ReportInputLoader.LoadAsync(
            folder, run, new ReportLoadOptions { OutputDirectory = Path.GetDirectoryName(htmlPath) }, CancellationToken.None);
        var model = ReportBuilder.Build(loaded);
        await ReportWriter.WriteAsync(model, htmlPath, CancellationToken.None);
        return (htmlPath, model);
    }

    // Runs `body` (a function body returning a value) in the loaded page and returns what it returned.
    private static async Task<JsonElement> ProbeAsync(HeadlessChromium browser, string html, string body)
    {
        var dom = await browser.DumpDomAfterAsync(html, $"document.body.setAttribute('data-probe', JSON.stringify((() => {{ {body} }})()));", CancellationToken.None);
        var match = ProbePattern().Match(dom);
        Assert.That(match.Success, Is.True, "the probe ran and left its result");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement.Clone();
    }

    private static void AssertOnePerInvoke(string dom, string historyPath)
    {
        var history = OperationHistory.Load(historyPath);
        var drawn = DataOpPattern().Matches(dom).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.That(drawn, Has.Count.EqualTo(history.Operations.Count), "one data-op element per invoke");
        Assert.That(drawn.Order(), Is.EqualTo(history.Operations.Select(o => o.InvokePosition).Order()), "data-op is the invoke event's index");
    }

    private static async Task ScreenshotAsync(HeadlessChromium browser, string html, string name, int width = 1400, int height = 900)
    {
        var folder = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")).FullName;
        var png = Path.Combine(folder, $"report-{name}.png");
        File.Delete(png);
        await browser.ScreenshotAsync(html, png, width, height, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        Assert.That(bytes.Length, Is.GreaterThan(20_000), "a drawn page, not a blank one");
        TestContext.AddTestAttachment(png);
        if (Environment.GetEnvironmentVariable("RAFTCHAOS_SCREENSHOTS") is { Length: > 0 } keep)
        {
            File.Copy(png, Path.Combine(Directory.CreateDirectory(keep).FullName, Path.GetFileName(png)), overwrite: true);
        }

        TestContext.Out.WriteLine($"screenshot: {png} ({bytes.Length:N0} bytes)");
    }

    [GeneratedRegex("\\sdata-op=\"(\\d+)\"")]
    private static partial Regex DataOpPattern();

    [GeneratedRegex("<div class=\"check [a-z]+\" data-check=\"([^\"]*)\" data-verdict=\"([a-z]+)\">")]
    private static partial Regex CheckPattern();

    [GeneratedRegex("<li data-finding=\"([^\"]*)\">.*?<span class=\"finding-text\">([^<]*)</span></li>")]
    private static partial Regex FindingPattern();

    [GeneratedRegex("<g class=\"finding-mark\" data-finding-mark=\"([^\"]*)\">")]
    private static partial Regex MarkPattern();

    [GeneratedRegex("<span class=\"word\">([^<]*)</span>")]
    private static partial Regex BannerWordPattern();

    [GeneratedRegex("\\sdata-counterexample=\"")]
    private static partial Regex CounterexamplePattern();

    [GeneratedRegex("data-probe=\"([^\"]*)\"")]
    private static partial Regex ProbePattern();
}
