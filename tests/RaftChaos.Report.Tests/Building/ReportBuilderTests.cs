using RaftChaos.Checker.History;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;
using RaftChaos.Report.Tests.Support;
using Snapshooter.NUnit;

namespace RaftChaos.Report.Tests.Building;

/// <summary>The report model for small fixed histories, pinned by snapshots (delete a snapshot file to re-record it).</summary>
public sealed class ReportBuilderTests
{
    [Test]
    public void Build_HistoryWithFaultsAndRun_MatchesSnapshot()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", TestRuns.WithFaults);

        Snapshot.Match(model, options => options.IgnoreField("Summary.CheckerMilliseconds"));
    }

    [Test]
    public void Build_InvalidHistory_MatchesSnapshot()
    {
        var model = Build(TestHistories.Invalid, "invalid.jsonl", ReportRun.Empty);

        Snapshot.Match(model, options => options.IgnoreField("Summary.CheckerMilliseconds"));
    }

    [Test]
    public void Build_InvalidHistory_CounterexampleNamesTheImpossibleRead()
    {
        var model = Build(TestHistories.Invalid, "invalid.jsonl", ReportRun.Empty);

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        var counterexample = model.Counterexamples.Single();
        Assert.That(counterexample.CannotFollow.Select(b => model.Operations[b.Operation].F), Does.Contain("read"));
        Assert.That(model.Pages[counterexample.Page].Sections.Any(s => s.Key == counterexample.Key), Is.True);
    }

    [Test]
    public void Build_FaultEvents_PairsStartAndStopAndLeavesUnhealedOpen()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", ReportRun.Empty);

        Assert.That(model.Faults.Select(f => (f.Kind, f.StartF, f.StopF, f.Healed)), Is.EqualTo(new[]
        {
            ("partition", "start-partition", (string?)"stop-partition", true),
            ("kill", "kill", "start", true),
            ("bump-clock", "bump-clock", null, true),
            ("pause", "pause", null, false),
        }));
        Assert.That(model.Faults[^1].End, Is.EqualTo(model.Summary.Duration), "an unhealed fault lasts to the end");
    }

    [Test]
    public void Build_ClockFaults_AreWindowsUntilTheirReset()
    {
        const string history = """
            {"index":0,"process":0,"type":"invoke","f":"write","key":"a","value":1,"time":1000000}
            {"index":1,"process":"nemesis","type":"info","f":"clock-bump","value":{"n3":-2677},"time":2000000}
            {"index":2,"process":0,"type":"ok","f":"write","key":"a","value":1,"time":3000000}
            {"index":3,"process":"nemesis","type":"info","f":"clock-reset","value":["n3"],"time":4000000}
            {"index":4,"process":"nemesis","type":"info","f":"clock-rate","value":{"n2":1.25},"time":5000000}
            {"index":5,"process":"nemesis","type":"info","f":"clock-rate-reset","value":["n2"],"time":7000000}
            {"index":6,"process":"nemesis","type":"info","f":"clock-strobe","value":{"n1":{"deltaMs":890,"periodMs":1000}},"time":8000000}
            {"index":7,"process":1,"type":"invoke","f":"read","key":"a","value":null,"time":9000000}
            {"index":8,"process":1,"type":"ok","f":"read","key":"a","value":1,"time":10000000}
            """;

        var model = Build(history, "clock.jsonl", ReportRun.Empty);

        Assert.That(model.Faults.Select(f => (f.Kind, f.StartF, f.StopF, f.End - f.Start, f.Healed)), Is.EqualTo(new[]
        {
            ("clock", "clock-bump", (string?)"clock-reset", 2_000_000L, true),
            ("clock-rate", "clock-rate", "clock-rate-reset", 2_000_000L, true),
            ("clock", "clock-strobe", null, model.Summary.Duration - model.Faults[2].Start, false),
        }));
    }

    [Test]
    public void Build_FaultEvents_LabelsNameTheTarget()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", ReportRun.Empty);

        Assert.That(model.Faults.Select(f => f.Label), Is.EqualTo(new[] { "partition {n1} | {n2,n3}", "kill n2", "bump-clock n3=250", "pause n1" }));
    }

    [TestCase(1, 7)]
    [TestCase(3, 3)]
    [TestCase(1000, 1)]
    public void Build_PageSize_NoPageExceedsItAndEveryOperationIsOnExactlyOnePage(int pageSize, int expectedPages)
    {
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");
        var input = new ReportInput(history, "kv", null, ReportRun.Empty, []);

        var model = ReportBuilder.Build(input, new ReportBuildOptions { PageSize = pageSize });

        Assert.That(model.Pages, Has.Count.EqualTo(expectedPages));
        Assert.That(model.Pages.Max(p => p.OperationCount), Is.LessThanOrEqualTo(pageSize));
        var drawn = model.Pages.SelectMany(p => p.Sections)
            .SelectMany(s => model.Keys[s.Key].OperationIds.Skip(s.First).Take(s.Count))
            .Order();
        Assert.That(drawn, Is.EqualTo(Enumerable.Range(0, model.Operations.Count)));
    }

    [Test]
    public void Build_Percentiles_AreNearestRankOfOkLatencies()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", ReportRun.Empty);

        var read = model.Percentiles.Single(p => p.F == "read");
        Assert.That((read.Count, read.P50, read.Max), Is.EqualTo((3, 4_000_000L, 5_000_000L)));
    }

    [Test]
    public void Build_InvalidNodeLogCheckAndLinearizableHistory_InvalidWithTheCheckAndItsFindingOnTheReportsClock()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", TestRuns.WithInvalidNodeLogCheck);

        Assert.Multiple(() =>
        {
            Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
            Assert.That(model.Summary.Checks.Select(c => (c.Name, c.Verdict)), Is.EqualTo(new[]
            {
                ("linearizability", "valid"), ("primary-safety", "invalid"), ("log-safety", "valid"),
            }), "the run's checks in its order; the report's own linearizability result does not join a recorded one");
            var finding = model.Summary.Checks[1].Findings.Single();
            Assert.That((finding.Text, finding.At), Is.EqualTo((TestRuns.NodeLogFinding, (long?)29_500_000)), "30.5 ms on the history's clock, first event at 1 ms");
            Assert.That(model.Counterexamples, Is.Empty);
        });
    }

    [Test]
    public void Build_NoRunChecks_TheReportsLinearizabilityResultIsTheCheck()
    {
        var model = Build(TestHistories.Invalid, "invalid.jsonl", ReportRun.Empty);

        var check = model.Summary.Checks.Single();
        Assert.That((check.Name, check.Verdict), Is.EqualTo(("linearizability", "invalid")));
        Assert.That(check.Findings.Single().Text, Does.StartWith("the register: ").And.Contain("read"));
        Assert.That(check.Findings.Single().At, Is.EqualTo(30), "the impossible read completed at 30 ns, first event at 0");
    }

    [TestCase(Verdict.Valid, Verdict.Valid, "valid")]
    [TestCase(Verdict.Valid, Verdict.Unknown, "unknown")]
    [TestCase(Verdict.Unknown, Verdict.Invalid, "invalid")]
    public void Build_RecordedChecksWithoutCheckResult_VerdictMergesThem(Verdict linearizability, Verdict other, string expected)
    {
        var run = TestRuns.WithFaults with
        {
            Checks = [new CheckOutcome(LinearizabilityOutcome.Name, linearizability, []), new CheckOutcome("other", other, [])],
        };
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");

        var model = ReportBuilder.Build(new ReportInput(history, "kv", null, run, []));

        Assert.That(model.Summary.Verdict, Is.EqualTo(expected));
        Assert.That(model.Keys.Select(k => k.Verdict).Distinct(), Is.EqualTo(new[] { linearizability == Verdict.Valid ? "valid" : "unchecked" }));
    }

    [Test]
    public void Build_NoCheckAtAll_IsUnchecked()
    {
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");

        var model = ReportBuilder.Build(new ReportInput(history, "kv", null, ReportRun.Empty, []));

        Assert.That((model.Summary.Verdict, model.Summary.Checks.Count), Is.EqualTo(("unchecked", 0)));
    }

    [Test]
    public void Build_Lanes_OnTheReportsClockAndAnOpenEndLastsToTheEnd()
    {
        var run = TestRuns.WithLane(new LaneSegment(0.001, 0.0125, "n1"), new LaneSegment(0.0125, null, "n2"));

        var model = Build(TestHistories.WithFaults, "history.jsonl", run);

        var lane = model.Lanes.Single();
        Assert.That(lane.Name, Is.EqualTo("primary"));
        Assert.That(lane.Spans, Is.EqualTo(new[] { new LaneSpan(0, 11_500_000, "n1"), new LaneSpan(11_500_000, model.Summary.Duration, "n2") }));
    }

    [Test]
    public void Build_Figures_TheRunsAsGivenAndTheLongestGapBetweenAcknowledgedOperations()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", TestRuns.WithFaults);

        Assert.That(model.Summary.Figures, Is.EqualTo(TestRuns.WithFaults.Figures));
        Assert.That(model.Summary.LongestAcknowledgedGap, Is.EqualTo(24_000_000), "ok completions at 6 ms and 30 ms (history time), none between");
    }

    [Test]
    public void Build_SeedWithoutReplayCommand_MakesNoCommandUp()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", TestRuns.WithFaults with { ReplayCommand = null });

        Assert.That((model.Summary.Seed, model.Summary.ReplayCommand), Is.EqualTo(((long?)7, (string?)null)));
    }

    [Test]
    public void Build_CompletionsWithReasons_CountsFailAndInfoByReasonPerFunctionAndRedirectedOks()
    {
        var model = Build(TestHistories.WithReasons, "history.jsonl", ReportRun.Empty);

        var rows = model.Summary.Reasons.Select(r => (r.F, r.Outcome, r.Reason, r.Count)).ToArray();
        Assert.That(rows, Is.EqualTo(new (string, string, string?, int)[]
        {
            ("write", "ok", ReasonCounter.Redirected, 1),
            ("write", "fail", "refused", 2),
            ("write", "fail", null, 1),
            ("write", "fail", "from-the-future", 1),
            ("write", "info", "deadline", 1),
            ("cas", "fail", "cas-mismatch", 1),
        }));
        Assert.That(model.Summary.Reasons.Single(r => r.Reason == "refused").Meaning, Is.EqualTo(ErrorCode.Refused.Meaning), "the meaning comes from the one list of codes");
        Assert.That(model.Summary.Reasons.Single(r => r.Reason == "from-the-future").Meaning, Is.Null, "a code this version does not know keeps its text, without a meaning");
    }

    [Test]
    public void Build_CompletionsWithReasons_OperationsKeepTheirReasonEndNodeAndRedirect()
    {
        var model = Build(TestHistories.WithReasons, "history.jsonl", ReportRun.Empty);

        Assert.That(model.Operations[0], Has.Property("EndNode").EqualTo("n1").And.Property("RedirectedFrom").EqualTo("n2").And.Property("Error").Null);
        Assert.That(model.Operations[1], Has.Property("Error").EqualTo("refused").And.Property("EndNode").EqualTo("n3"));
    }

    [Test]
    public void Build_HistoryWithoutReasons_NoReasonRowsSoNoEmptyTable()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", ReportRun.Empty);

        Assert.That(model.Summary.Counts.Sum(c => c.F == "all" ? 0 : c.Fail + c.Info), Is.GreaterThan(0), "the history has fails and infos, just no reasons");
        Assert.That(model.Summary.Reasons, Is.Empty);
    }

    [Test]
    public void Build_UndecidedKey_ShowsHowFarTheSearchGotAsACounterexampleWithNothingBlocked()
    {
        var history = OperationHistory.FromEvents(
            new RaftChaos.Checker.Generation.RandomHistoryGenerator(seed: 3).Generate(new RaftChaos.Checker.Generation.RandomHistoryOptions { OperationCount = 2_000, ProcessCount = 10 }),
            "long.jsonl");
        var check = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = 100, MaxDegreeOfParallelism = 1 }).Check(history, BuiltInModels.CasRegister);

        var view = ReportBuilder.Build(new ReportInput(history, "cas-register", check, ReportRun.Empty, [])).Counterexamples.Single();

        Assert.Multiple(() =>
        {
            Assert.That(check.Verdict, Is.EqualTo(Verdict.Unknown));
            Assert.That(view.UndecidedReason, Is.EqualTo("configuration limit of 100 reached"));
            Assert.That(view.PrefixLength, Is.EqualTo(check.Keys.Single().Progress!.LinearizedOperations).And.GreaterThan(0));
            Assert.That(view.StateAfterPrefix, Is.EqualTo(check.Keys.Single().Progress!.StateAfterPrefix));
            Assert.That(view.CannotFollow, Is.Empty);
        });
    }

    private static ReportModel Build(string jsonLines, string source, ReportRun run)
    {
        var history = TestHistories.Read(jsonLines, source);
        var model = BuiltInModels.Infer(history);
        var check = new LinearizabilityChecker(new CheckOptions { MaxDegreeOfParallelism = 1 }).Check(history, model);
        return ReportBuilder.Build(new ReportInput(history, model.Name, check, run, [new ReportLink("history.jsonl", "history.jsonl")]));
    }
}
