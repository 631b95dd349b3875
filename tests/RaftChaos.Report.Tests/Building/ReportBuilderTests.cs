using RaftChaos.Checker;
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
    public void Build_HistoryWithFaultsAndResults_MatchesSnapshot()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResultsReader.Parse(TestHistories.WithFaultsResults));

        Snapshot.Match(model, options => options.IgnoreField("Summary.CheckerMilliseconds"));
    }

    [Test]
    public void Build_InvalidHistory_MatchesSnapshot()
    {
        var model = Build(TestHistories.Invalid, "invalid.jsonl", RunResults.Empty);

        Snapshot.Match(model, options => options.IgnoreField("Summary.CheckerMilliseconds"));
    }

    [Test]
    public void Build_InvalidHistory_CounterexampleNamesTheImpossibleRead()
    {
        var model = Build(TestHistories.Invalid, "invalid.jsonl", RunResults.Empty);

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        var counterexample = model.Counterexamples.Single();
        Assert.That(counterexample.CannotFollow.Select(b => model.Operations[b.Operation].F), Does.Contain("read"));
        Assert.That(model.Pages[counterexample.Page].Sections.Any(s => s.Key == counterexample.Key), Is.True);
    }

    [Test]
    public void Build_FaultEvents_PairsStartAndStopAndLeavesUnhealedOpen()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResults.Empty);

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
    public void Build_KillWithoutResults_ComputesTimeToNextWriteFromHistory()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResults.Empty);

        var recovery = model.Summary.Failover.Recoveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(model.Summary.Failover.RecoverySource, Is.EqualTo("history"));
            Assert.That(recovery.Time, Is.EqualTo(23_000_000), "kill at 24 ms, origin 1 ms");
            Assert.That(recovery.UntilNextWrite, Is.EqualTo(9_000_000), "write a 4 acknowledged at 33 ms");
            Assert.That(model.Summary.Failover.TimeWithoutLeader, Is.Null);
        });
    }

    [TestCase(1, 7)]
    [TestCase(3, 3)]
    [TestCase(1000, 1)]
    public void Build_PageSize_NoPageExceedsItAndEveryOperationIsOnExactlyOnePage(int pageSize, int expectedPages)
    {
        var history = TestHistories.Read(TestHistories.WithFaults, "history.jsonl");
        var input = new ReportInput(history, "kv", null, RunResults.Empty, []);

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
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResults.Empty);

        var read = model.Percentiles.Single(p => p.F == "read");
        Assert.That((read.Count, read.P50, read.Max), Is.EqualTo((3, 4_000_000L, 5_000_000L)));
    }

    [Test]
    public void Build_LinearizableHistoryWithTwoLeadersInATerm_IsInvalidBecauseOfElectionSafety()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResultsReader.Parse(TestHistories.TwoLeadersResults));

        Assert.Multiple(() =>
        {
            Assert.That(model.Summary.Linearizable, Is.EqualTo("valid"), "the checker, re-run on the history, finds it linearizable");
            Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
            Assert.That(model.Summary.VerdictSource, Is.EqualTo("election safety (node logs)"));
            Assert.That(model.Summary.VerdictReason, Is.EqualTo("election safety (node logs): term 4 had 2 leaders: n1, n3"));
            Assert.That(model.Summary.ElectionSafety!.Violations.Single().Term, Is.EqualTo(4UL));
            Assert.That(model.Counterexamples, Is.Empty);
        });
    }

    [Test]
    public void Build_NotLinearizableAndTwoLeaders_SourceNamesBothChecks()
    {
        var results = RunResultsReader.Parse("""
            { "electionSafety": { "valid": false, "violations": [ { "term": 2, "leaders": ["n1", "n2"] }, { "term": 5, "leaders": ["n2", "n3"] } ] } }
            """);

        var model = Build(TestHistories.Invalid, "invalid.jsonl", results);

        Assert.That((model.Summary.Verdict, model.Summary.Linearizable, model.Summary.VerdictSource), Is.EqualTo(("invalid", "invalid", "checker + election safety (node logs)")));
        Assert.That(model.Summary.VerdictReason, Is.EqualTo("election safety (node logs): term 2 had 2 leaders: n1, n2; term 5 had 2 leaders: n2, n3"));
    }

    [Test]
    public void Build_CommittedEntryContradicted_IsInvalid_SourceAndReasonNameTheStateMachineCheck()
    {
        var results = RunResultsReader.Parse("""
            { "electionSafety": { "valid": true }, "stateMachineSafety": { "valid": false, "violations": [ { "node": "n2", "index": 57, "committedTerm": 3, "leaderTerm": 4 } ] } }
            """);

        var model = Build(TestHistories.WithFaults, "history.jsonl", results);

        Assert.That((model.Summary.Verdict, model.Summary.Linearizable, model.Summary.VerdictSource), Is.EqualTo(("invalid", "valid", "state-machine safety (node logs)")));
        Assert.That(model.Summary.VerdictReason, Is.EqualTo("state-machine safety (node logs): n2 had committed entry 57 of term 3; a leader sent entry 57 of term 4"));
        Assert.That(model.Summary.StateMachineSafety!.Violations.Single().Index, Is.EqualTo(57UL));
    }

    [Test]
    public void Build_BothNodeLogChecksAndTheHistoryFail_SourceNamesAllThree()
    {
        var results = RunResultsReader.Parse("""
            { "electionSafety": { "valid": false, "violations": [ { "term": 2, "leaders": ["n1", "n2"] } ] },
              "stateMachineSafety": { "valid": false } }
            """);

        var model = Build(TestHistories.Invalid, "invalid.jsonl", results);

        Assert.That(model.Summary.VerdictSource, Is.EqualTo("checker + election safety (node logs) + state-machine safety (node logs)"));
        Assert.That(model.Summary.VerdictReason, Is.EqualTo(
            "election safety (node logs): term 2 had 2 leaders: n1, n2. state-machine safety (node logs): an index had two committed entries (results.json lists none)"));
    }

    [TestCase("""{ "electionSafety": { "valid": true, "violations": [] } }""", true)]
    [TestCase("{}", false)]
    public void Build_NoElectionSafetyViolation_VerdictIsTheHistoryChecksAlone(string resultsJson, bool recorded)
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResultsReader.Parse(resultsJson));

        Assert.That((model.Summary.Verdict, model.Summary.VerdictSource, model.Summary.VerdictReason), Is.EqualTo(("valid", "checker", (string?)null)));
        Assert.That(model.Summary.ElectionSafety is not null, Is.EqualTo(recorded));
    }

    [Test]
    public void Build_ElectionSafetyInvalidWithoutTerms_IsInvalidAndSaysTheListIsMissing()
    {
        var model = Build(TestHistories.WithFaults, "history.jsonl", RunResultsReader.Parse("""{ "electionSafety": { "valid": false } }"""));

        Assert.That(model.Summary.Verdict, Is.EqualTo("invalid"));
        Assert.That(model.Summary.VerdictReason, Does.StartWith("election safety (node logs): ").And.Contain("lists no terms"));
    }

    private static ReportModel Build(string jsonLines, string source, RunResults results)
    {
        var history = TestHistories.Read(jsonLines, source);
        var model = BuiltInModels.Infer(history);
        var check = new LinearizabilityChecker(new CheckOptions { MaxDegreeOfParallelism = 1 }).Check(history, model);
        return ReportBuilder.Build(new ReportInput(history, model.Name, check, results, [new ReportLink("history.jsonl", "history.jsonl")]));
    }
}
