using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;
using RaftChaos.Report.Rendering;
using RaftChaos.Report.Tests.Support;

namespace RaftChaos.Report.Tests.Rendering;

public sealed partial class ReportWriterTests
{
    [Test]
    public async Task WriteAsync_Report_IsSelfContainedWithNoNetworkAddress()
    {
        var html = await RenderAsync(TestHistories.Read(TestHistories.WithFaults, "history.jsonl"));

        Assert.Multiple(() =>
        {
            Assert.That(UrlPattern().Matches(html).Select(m => m.Value), Is.Empty, "no http(s):// or protocol-relative URL");
            Assert.That(html, Does.Not.Contain(" src=").And.Not.Contain("@import").And.Not.Contain("url(http"));
            Assert.That(html, Does.Contain("default-src 'none'"), "a CSP forbids any request");
            Assert.That(html, Does.Contain("<script type=\"application/json\" id=\"report-data\">"));
        });
    }

    [Test]
    public async Task WriteAsync_ValueWithScriptEndTag_CannotCloseTheDataBlock()
    {
        var history = OperationHistory.FromEvents(
        [
            new HistoryEvent(0, ProcessId.Client(0), HistoryEventType.Invoke, "put", "k</script><b>", HistoryValue.Of("</script><script>alert(1)</script>"), 0),
            new HistoryEvent(1, ProcessId.Client(0), HistoryEventType.Ok, "put", "k</script><b>", HistoryValue.Of("</script><script>alert(1)</script>"), 5),
        ]);

        var html = await RenderAsync(history);

        Assert.That(Regex.Matches(html, "</script>", RegexOptions.IgnoreCase), Has.Count.EqualTo(2), "only the data block's and the code block's own end tags");
    }

    [Test]
    public async Task WriteAsync_InvalidCheck_DataBlockCarriesEveryCheckWithItsFindings()
    {
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");

        var html = await RenderAsync(history, TestRuns.WithInvalidNodeLogCheck);

        var summary = DataBlock(html).RootElement.GetProperty("summary");
        var checks = summary.GetProperty("checks").EnumerateArray().ToArray();
        var finding = checks[1].GetProperty("findings").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("verdict").GetString(), Is.EqualTo("invalid"));
            Assert.That(checks.Select(c => c.GetProperty("name").GetString() + "=" + c.GetProperty("verdict").GetString()),
                Is.EqualTo(new[] { "linearizability=valid", "primary-safety=invalid", "log-safety=valid" }));
            Assert.That(finding.GetProperty("text").GetString(), Is.EqualTo(TestRuns.NodeLogFinding));
            Assert.That(finding.GetProperty("at").GetInt64(), Is.EqualTo(29_500_000));
            Assert.That(html, Does.Contain("<section id=\"checks\"></section>").And.Contain("function renderChecks()"));
        });
    }

    [Test]
    public async Task WriteAsync_RunWithoutFiguresOrLanes_WritesEmptyListsAndTheMeasuredGap()
    {
        var html = await RenderAsync(TestHistories.Read(TestHistories.WithFaults, "history.jsonl"));

        var data = DataBlock(html).RootElement;
        var summary = data.GetProperty("summary");
        Assert.That((summary.GetProperty("figures").GetArrayLength(), data.GetProperty("lanes").GetArrayLength()), Is.EqualTo((0, 0)));
        Assert.That(summary.GetProperty("longestGap").GetInt64(), Is.EqualTo(24_000_000));
        Assert.That(summary.GetProperty("replay").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task WriteAsync_CompletionsWithReasons_ColumnsIndexTheCodesWithTheirMeaningsAndTheNodes()
    {
        var html = await RenderAsync(TestHistories.Read(TestHistories.WithReasons, "history.jsonl"));

        var data = DataBlock(html).RootElement;
        var errors = data.GetProperty("errors").EnumerateArray().Select(e => (e[0].GetString(), e[1].GetString())).ToArray();
        var nodes = data.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToArray();
        var ops = data.GetProperty("ops");
        int[] Column(string name) => ops.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.EqualTo(new (string?, string?)[]
            {
                (ErrorCode.CasMismatch.Code, ErrorCode.CasMismatch.Meaning), (ErrorCode.Refused.Code, ErrorCode.Refused.Meaning),
                (ErrorCode.Deadline.Code, ErrorCode.Deadline.Meaning), ("from-the-future", null),
            }), "only the codes present, in the list's order, unknown ones last");
            Assert.That(nodes, Is.EqualTo(new[] { "n1", "n2", "n3" }));
            Assert.That(Column("e"), Is.EqualTo(new[] { -1, 1, 0, 2, 1, 3, -1 }));
            Assert.That(Column("ne"), Is.EqualTo(new[] { 0, 2, 2, 1, -1, -1, -1 }));
            Assert.That(Column("rf"), Is.EqualTo(new[] { 1, -1, -1, -1, -1, -1, -1 }));
            Assert.That(data.GetProperty("summary").GetProperty("reasons").GetArrayLength(), Is.EqualTo(6));
        });
    }

    [Test]
    [Category("Scale")]
    public async Task WriteAsync_HundredThousandOperations_StaysUnderTwentyMegabytes()
    {
        var history = OperationHistory.FromEvents(TestHistories.Generated(100_000, 1_000));
        var stopwatch = Stopwatch.StartNew();

        var html = await RenderAsync(history);

        TestContext.Out.WriteLine($"100,000 operations: {html.Length / 1_000_000.0:N2} MB in {stopwatch.ElapsedMilliseconds} ms (check + build + write)");
        Assert.That(html.Length, Is.LessThan(20_000_000));
    }

    private static async Task<string> RenderAsync(OperationHistory history, ReportRun? run = null)
    {
        var model = BuiltInModels.Infer(history);
        var check = new LinearizabilityChecker().Check(history, model);
        var report = ReportBuilder.Build(new ReportInput(history, model.Name, check, run ?? ReportRun.Empty, []));
        using var stream = new MemoryStream();
        await ReportWriter.WriteAsync(report, stream, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonDocument DataBlock(string html)
    {
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
