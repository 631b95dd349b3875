using System.Xml.Linq;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Summary;

public sealed class JUnitReportTests
{
    private static NightlySummary Summary(Func<PlannedRun, RunOutcome> outcome)
    {
        var plan = Outcomes.Plan(runs: 3, bugs: ["stale-reads"]);
        var start = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
        return SummaryBuilder.Build("2026-11-26", start, start.AddMinutes(10), plan,
            new NightlyExecution([.. plan.Runs.Select(outcome)], false, null, null), "/night");
    }

    private static XElement Suite(XDocument document, string name) => document.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == name);

    [Test]
    public void Build_EveryRunAndBugAsExpected_OneCaseEachAndNoFailure()
    {
        var document = JUnitReport.Build(Summary(r => Outcomes.Expected(r)));

        var clean = Suite(document, "clean");
        var matrix = Suite(document, "matrix");
        Assert.That(clean.Elements("testcase").Count(), Is.EqualTo(3));
        Assert.That((int)clean.Attribute("failures")!, Is.Zero);
        Assert.That(matrix.Elements("testcase").Select(c => (string?)c.Attribute("name")), Is.EqualTo(new[] { "stale-reads" }));
        Assert.That((int)matrix.Attribute("failures")!, Is.Zero);
    }

    [Test]
    public void Build_InvalidCleanRunAndMissedBug_AreFailuresWithTheReplay()
    {
        var summary = Summary(r => r.Kind == RunKind.Clean
            ? Outcomes.For(r, r.Index == 1 ? RunVerdict.Invalid : RunVerdict.Valid)
            : Outcomes.For(r, RunVerdict.Valid));

        var document = JUnitReport.Build(summary);

        var failedRun = Suite(document, "clean").Elements("testcase").Single(c => c.Element("failure") is not null);
        Assert.That((string?)failedRun.Attribute("name"), Is.EqualTo(summary.Runs[1].Run.Name));
        Assert.That(failedRun.Element("failure")!.Value, Does.Contain(summary.Runs[1].Run.ReplayCommand));
        var missed = Suite(document, "matrix").Elements("testcase").Single();
        Assert.That((string?)missed.Element("failure")?.Attribute("message"), Does.StartWith("caught in 0 of"));
    }

    [Test]
    public void Build_RunWithoutVerdict_IsAnError()
    {
        var document = JUnitReport.Build(Summary(r => r.Index == 0 ? Outcomes.For(r, RunVerdict.Error) : Outcomes.Expected(r)));

        Assert.That((int)Suite(document, "clean").Attribute("errors")!, Is.EqualTo(1));
    }
}
