using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Summary;

public sealed class SummaryBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static NightlySummary Build(NightlyPlan plan, Func<PlannedRun, RunOutcome> outcome, bool interrupted = false, int? stopAfter = null, string? abort = null, int? abortCode = null)
    {
        var outcomes = plan.Runs.Take(stopAfter ?? plan.Runs.Count).Select(outcome).ToArray();
        return SummaryBuilder.Build("2026-11-26", Start, Start.AddHours(1), plan, new NightlyExecution(outcomes, interrupted, abort, abortCode), "/night");
    }

    [Test]
    public void Build_AllCleanValidAllBugsCaught_Exit0()
    {
        var summary = Build(Outcomes.Plan(), r => Outcomes.Expected(r));
        Assert.That(summary.ExitCode, Is.Zero);
        Assert.That(summary.Failures, Is.Empty);
        Assert.That(summary.Matrix.Select(b => b.IsCaught), Is.All.True);
        Assert.That(summary.Runs[0].RelativeReport, Is.EqualTo($"runs/{summary.Runs[0].Run.Name}/20261126T040000/report.html"));
    }

    [TestCase(RunVerdict.Invalid, "invalid (false alarm)")]
    [TestCase(RunVerdict.Unknown, "unknown")]
    [TestCase(RunVerdict.Error, "error: exit 70")]
    public void Build_CleanRunNotValid_Exit1NamingRunAndReplay(RunVerdict verdict, string described)
    {
        var plan = Outcomes.Plan();
        var bad = plan.Runs[1];
        var summary = Build(plan, r => r == bad ? Outcomes.For(r, verdict) : Outcomes.Expected(r));
        Assert.That(summary.ExitCode, Is.EqualTo(1));
        Assert.That(summary.Failures, Has.Count.EqualTo(1));
        Assert.That(summary.Failures[0].What, Does.Contain(bad.Name).And.Contain(described));
        Assert.That(summary.Failures[0].Replay, Is.EqualTo(bad.ReplayCommand).And.StartsWith("raftchaos run "));
    }

    [Test]
    public void Build_BugNeverCaught_Exit1NamingBugAndFirstSeedReplay()
    {
        var plan = Outcomes.Plan(bugs: ["forget-vote"]);
        var summary = Build(plan, r => r.Kind == RunKind.Matrix ? Outcomes.For(r, RunVerdict.Valid) : Outcomes.Expected(r));
        Assert.That(summary.ExitCode, Is.EqualTo(1));
        var bug = summary.Matrix.Single();
        Assert.That(bug.IsCaught, Is.False);
        Assert.That(bug.DetectionRate, Is.Zero);
        Assert.That(bug.DetectedAfterSeconds, Is.Null);
        Assert.That(summary.Failures.Single().What, Does.StartWith("bug forget-vote: not caught in 2 seed(s)"));
        Assert.That(summary.Failures.Single().Replay, Does.Contain("--unsafe forget-vote"));
    }

    [Test]
    public void Build_BugCaughtInSomeSeeds_CaughtWithRateAndSlowestTime()
    {
        var plan = Outcomes.Plan(matrixSeeds: 3, bugs: ["stale-reads"]);
        var matrix = plan.MatrixRuns.ToArray();
        var summary = Build(plan, r =>
            r == matrix[1] ? Outcomes.For(r, RunVerdict.Valid)
            : r == matrix[2] ? Outcomes.For(r, RunVerdict.Invalid, detectedAfter: 30)
            : Outcomes.Expected(r));
        var bug = summary.Matrix.Single();
        Assert.That(summary.ExitCode, Is.Zero);
        Assert.That(bug.IsCaught, Is.True);
        Assert.That(bug.CaughtInEverySeed, Is.False);
        Assert.That(bug.CaughtSeeds, Is.EqualTo(new[] { matrix[0].Seed, matrix[2].Seed }));
        Assert.That(bug.DetectionRate, Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(bug.DetectedAfterSeconds, Is.EqualTo(30));
        Assert.That(bug.MedianDetectedAfterSeconds, Is.EqualTo((12.5 + 30) / 2));
    }

    [Test]
    public void Build_Interrupted_Exit1ListingRunsNotRun()
    {
        var plan = Outcomes.Plan();
        var summary = Build(plan, r => Outcomes.Expected(r), interrupted: true, stopAfter: 3);
        Assert.That(summary.ExitCode, Is.EqualTo(1));
        Assert.That(summary.Runs, Has.Count.EqualTo(3));
        Assert.That(summary.NotRun, Is.EqualTo(plan.Runs.Skip(3).Select(r => r.Name)));
        Assert.That(summary.Failures.Last().What, Does.StartWith("interrupted:"));
    }

    [Test]
    public void Build_AbortedForNoEngine_Exit69()
    {
        var plan = Outcomes.Plan();
        var summary = Build(plan, r => Outcomes.For(r, RunVerdict.Error) with { ExitCode = 69 }, stopAfter: 1, abort: "no Docker engine", abortCode: 69);
        Assert.That(summary.ExitCode, Is.EqualTo(69));
    }

    [Test]
    public void Figures_MediansOverCleanRuns()
    {
        var summary = Build(Outcomes.Plan(), r => Outcomes.Expected(r));
        var figures = NightFigures.From(summary);
        Assert.That(figures.CleanRuns, Is.EqualTo(2));
        Assert.That(figures.Valid, Is.EqualTo(2));
        Assert.That(figures.TimeWithoutLeaderSeconds, Is.EqualTo(0.8));
        Assert.That(figures.KillToNextWriteSeconds, Is.EqualTo(0.4).Within(1e-9));
        Assert.That(figures.BugsCaught, Is.EqualTo(figures.Bugs));
    }
}
