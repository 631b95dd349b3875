using System.Text.RegularExpressions;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Html;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Html;

public sealed class IndexPageTests
{
    private static (NightlySummary Summary, string Html) Render(Func<PlannedRun, RunOutcome> outcome)
    {
        var plan = Outcomes.Plan(runs: 2, bugs: ["stale-reads", "lease-reads"]);
        var start = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
        var summary = SummaryBuilder.Build("2026-11-26", start, start.AddMinutes(10), plan,
            new NightlyExecution([.. plan.Runs.Select(outcome)], false, null, null), "/night");
        var trend = new[]
        {
            new NightTrend("2026-11-25", false, new NightFigures(20, 19, 1, 0, 0, 5, 4, 0.61, 0.42)),
            new NightTrend("2026-11-26", summary.Passed, NightFigures.From(summary)),
        };
        return (summary, IndexPage.Render(summary, trend));
    }

    [Test]
    public void Render_LinksEveryRunReport()
    {
        var (summary, html) = Render(r => Outcomes.Expected(r));
        foreach (var record in summary.Runs)
        {
            Assert.That(html, Does.Contain($"href=\"{record.RelativeReport}\""));
            Assert.That(html, Does.Contain($"data-run=\"{record.Run.Name}\""));
        }

        Assert.That(html, Does.Contain("PASSED"));
    }

    [Test]
    public void Render_MatrixRowPerBugWithCaughtAndRate()
    {
        var (_, html) = Render(r => r.Unsafe == "lease-reads" ? Outcomes.For(r, RunVerdict.Valid) : Outcomes.Expected(r));
        var stale = Regex.Match(html, "<tr data-bug=\"stale-reads\">.*?</tr>", RegexOptions.Singleline).Value;
        var lease = Regex.Match(html, "<tr data-bug=\"lease-reads\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.That(stale, Does.Contain("class=\"yes\">yes").And.Contain("2/2").And.Contain("12.5 s"));
        Assert.That(lease, Does.Contain("class=\"no\">no").And.Contain("0/2"));
        Assert.That(html, Does.Contain("FAILED").And.Contain("bug lease-reads: not caught"));
        Assert.That(html, Does.Contain("replay: <code>raftchaos run --nodes 3 --workload kv --nemesis slow-leader"));
    }

    [Test]
    public void Render_TrendRowPerNightWithFailoverFigures()
    {
        var (_, html) = Render(r => Outcomes.Expected(r));
        var previous = Regex.Match(html, "<tr data-night=\"2026-11-25\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.That(previous, Does.Contain("href=\"../2026-11-25/index.html\"").And.Contain("0.61 s").And.Contain("0.42 s").And.Contain("4/5"));
        Assert.That(html, Does.Contain("<tr data-night=\"2026-11-26\">"));
        Assert.That(html, Does.Contain("<svg class=\"bars\""));
    }

    [Test]
    public void Render_SelfContained()
    {
        var (_, html) = Render(r => Outcomes.Expected(r));
        Assert.That(html, Does.Contain("Content-Security-Policy\" content=\"default-src 'none'"));
        Assert.That(html, Does.Not.Match("(src|href)=\"(https?:)?//"));
        Assert.That(html, Does.Contain("--ok:"), "the report's stylesheet is inlined");
    }

    [Test]
    public void Render_EscapesText()
    {
        var (_, html) = Render(r => r.Index == 0 ? Outcomes.For(r, RunVerdict.Error) with { Error = "<script>x</script>" } : Outcomes.Expected(r));
        Assert.That(html, Does.Not.Contain("<script>x"));
        Assert.That(html, Does.Contain("&lt;script&gt;x"));
    }
}
