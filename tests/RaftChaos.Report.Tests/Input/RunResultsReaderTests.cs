using RaftChaos.Checker.History;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Tests.Input;

public sealed class RunResultsReaderTests
{
    [Test]
    public void Parse_FullResults_ReadsEveryField()
    {
        var results = RunResultsReader.Parse("""
            { "testName": "t", "verdict": "Invalid", "model": "kv", "seed": "12", "checkerMs": 5.5,
              "configuration": { "nodes": 3, "nemesis": ["kill"] }, "processNodes": { "4": "n2", "x": "ignored" },
              "failover": { "timeWithoutLeaderMs": 2, "terms": 4, "killToNextWriteMs": [1.5, null, { "atMs": 10, "node": "n1", "ms": 3 }] },
              "somethingElse": true }
            """);

        Assert.Multiple(() =>
        {
            Assert.That((results.TestName, results.Verdict, results.Model, results.Seed, results.CheckerMilliseconds), Is.EqualTo(("t", "invalid", "kv", 12L, 5.5)));
            Assert.That(results.Configuration.Select(f => f.Value), Is.EqualTo(new[] { "3", "[\"kill\"]" }));
            Assert.That(results.ProcessNodes, Is.EquivalentTo(new Dictionary<int, string> { [4] = "n2" }));
            Assert.That(results.Failover!.TimeWithoutLeader, Is.EqualTo(2_000_000));
            Assert.That(results.Failover.Terms, Is.EqualTo(4));
            Assert.That(results.Failover.Recoveries.Select(r => (r.Time, r.Target, r.UntilNextWrite)),
                Is.EqualTo(new (long?, string?, long?)[] { (null, null, 1_500_000), (null, null, null), (10_000_000, "n1", 3_000_000) }));
        });
    }

    [TestCase("{}", null)]
    [TestCase("{ \"verdict\": null, \"seed\": null }", null)]
    public void Parse_EmptyResults_EverythingOptional(string json, string? verdict)
    {
        var results = RunResultsReader.Parse(json);

        Assert.That((results.Verdict, results.Seed, results.Failover), Is.EqualTo((verdict, (long?)null, (RaftChaos.Report.Input.FailoverFigures?)null)));
    }

    [Test]
    public void Parse_ElectionSafetyViolations_ReadsEveryTermAndItsLeaders()
    {
        var results = RunResultsReader.Parse("""
            { "verdict": "invalid", "electionSafety": { "valid": false, "violations": [
                { "term": 4, "leaders": ["n1", "n3"] }, { "term": 9, "leaders": ["n2", "n3", "n5"] } ] } }
            """);

        Assert.That(results.ElectionSafety?.Valid, Is.False);
        Assert.That(results.ElectionSafety!.Violations.Select(v => (v.Term, string.Join(",", v.Leaders))),
            Is.EqualTo(new[] { (4UL, "n1,n3"), (9UL, "n2,n3,n5") }));
        Assert.That(results.ElectionSafety.Violations[0].Description, Is.EqualTo("term 4 had 2 leaders: n1, n3"));
        Assert.That(results.ElectionSafety.Violations[0].AfterSeconds, Is.Null, "older results.json carry no time");
    }

    [Test]
    public void Parse_ElectionSafetyViolationWithTime_ReadsAfterSeconds()
    {
        var results = RunResultsReader.Parse("""
            { "electionSafety": { "valid": false, "violations": [ { "term": 3, "leaders": ["n1", "n2"], "afterSeconds": 5.25 } ] } }
            """);

        Assert.That(results.ElectionSafety!.Violations.Single().AfterSeconds, Is.EqualTo(5.25));
    }

    [TestCase("""{ "electionSafety": { "valid": true, "violations": [] } }""")]
    [TestCase("""{ "electionSafety": { "valid": true } }""")]
    [TestCase("""{ "electionSafety": { "violations": [] } }""")]
    public void Parse_ElectionSafetyValid_NoViolations(string json)
    {
        var results = RunResultsReader.Parse(json);

        Assert.That(results.ElectionSafety, Is.Not.Null, "present: the report says no term had two leaders");
        Assert.That((results.ElectionSafety!.Valid, results.ElectionSafety.Violations.Count), Is.EqualTo((true, 0)));
    }

    [Test]
    public void Parse_ElectionSafetyInvalidWithoutList_StaysInvalid()
    {
        var results = RunResultsReader.Parse("""{ "electionSafety": { "valid": false } }""");

        Assert.That((results.ElectionSafety?.Valid, results.ElectionSafety?.Violations.Count), Is.EqualTo(((bool?)false, (int?)0)));
    }

    [Test]
    public void Parse_StateMachineSafetyViolations_ReadsEachEntry_AbsentIsNull()
    {
        var results = RunResultsReader.Parse("""
            { "stateMachineSafety": { "valid": false, "violations": [
                { "node": "n2", "index": 57, "committedTerm": 3, "leaderTerm": 4, "afterSeconds": 12.5 }, { "node": "n1", "index": 9, "committedTerm": 5, "leaderTerm": 2 } ] } }
            """);

        Assert.That(results.StateMachineSafety?.Valid, Is.False);
        Assert.That(results.StateMachineSafety!.Violations, Is.EqualTo(new[] { new CommittedEntryConflict("n2", 57, 3, 4, 12.5), new CommittedEntryConflict("n1", 9, 5, 2) }));
        Assert.That(results.StateMachineSafety.Violations[0].Description, Is.EqualTo("n2 had committed entry 57 of term 3; a leader sent entry 57 of term 4"));
        var valid = RunResultsReader.Parse("""{ "stateMachineSafety": { "valid": true } }""").StateMachineSafety;
        Assert.That((valid?.Valid, valid?.Violations.Count), Is.EqualTo(((bool?)true, (int?)0)));
        Assert.That(RunResultsReader.Parse("""{ "electionSafety": { "valid": true } }""").StateMachineSafety, Is.Null, "results.json from before the check");
    }

    [TestCase("""{ "verdict": "valid", "seed": 3 }""")]
    [TestCase("""{ "electionSafety": null }""")]
    public void Parse_ElectionSafetyAbsent_NoFinding(string json)
    {
        var results = RunResultsReader.Parse(json);

        Assert.That(results.ElectionSafety, Is.Null);
    }

    [TestCase("""{ "electionSafety": [] }""", "electionSafety must be an object")]
    [TestCase("""{ "electionSafety": { "valid": "no" } }""", "electionSafety.valid must be true or false")]
    [TestCase("""{ "electionSafety": { "violations": { "term": 4 } } }""", "electionSafety.violations must be an array")]
    [TestCase("""{ "electionSafety": { "violations": [ 4 ] } }""", "electionSafety.violations[0] must be an object with term and leaders")]
    [TestCase("""{ "electionSafety": { "violations": [ { "leaders": ["n1", "n2"] } ] } }""", "electionSafety.violations[0].term must be a non-negative integer, got nothing")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": 1, "leaders": ["n1", "n2"] }, { "term": -2, "leaders": ["n1", "n2"] } ] } }""", "electionSafety.violations[1].term must be a non-negative integer, got -2")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": "4", "leaders": ["n1", "n2"] } ] } }""", "electionSafety.violations[0].term must be a non-negative integer")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": 4 } ] } }""", "electionSafety.violations[0].leaders must be an array of at least two node ids, got nothing")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": 4, "leaders": ["n1"] } ] } }""", "electionSafety.violations[0].leaders must be an array of at least two node ids")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": 4, "leaders": ["n1", 3] } ] } }""", "electionSafety.violations[0].leaders must be an array of at least two node ids")]
    [TestCase("""{ "electionSafety": { "valid": true, "violations": [ { "term": 4, "leaders": ["n1", "n3"] } ] } }""", "electionSafety.valid is true but 1 violation(s) are listed")]
    [TestCase("""{ "electionSafety": { "violations": [ { "term": 4, "leaders": ["n1", "n2"], "afterSeconds": "soon" } ] } }""", "electionSafety.violations[0].afterSeconds must be a non-negative number, got \"soon\"")]
    [TestCase("""{ "stateMachineSafety": 3 }""", "stateMachineSafety must be an object")]
    [TestCase("""{ "stateMachineSafety": { "violations": [ "n1" ] } }""", "stateMachineSafety.violations[0] must be an object with node, index, committedTerm and leaderTerm")]
    [TestCase("""{ "stateMachineSafety": { "violations": [ { "index": 4, "committedTerm": 2, "leaderTerm": 3 } ] } }""", "stateMachineSafety.violations[0].node must be a node id, got nothing")]
    [TestCase("""{ "stateMachineSafety": { "violations": [ { "node": "n1", "committedTerm": 2, "leaderTerm": 3 } ] } }""", "stateMachineSafety.violations[0].index must be a non-negative integer, got nothing")]
    [TestCase("""{ "stateMachineSafety": { "violations": [ { "node": "n1", "index": 4, "committedTerm": -2, "leaderTerm": 3 } ] } }""", "stateMachineSafety.violations[0].committedTerm must be a non-negative integer, got -2")]
    [TestCase("""{ "stateMachineSafety": { "valid": true, "violations": [ { "node": "n1", "index": 4, "committedTerm": 2, "leaderTerm": 3 } ] } }""", "stateMachineSafety.valid is true but 1 violation(s) are listed")]
    [TestCase("""{ "stateMachineSafety": { "violations": [ { "node": "n1", "index": 4, "committedTerm": 2, "leaderTerm": 3, "afterSeconds": -1 } ] } }""", "stateMachineSafety.violations[0].afterSeconds must be a non-negative number, got -1")]
    [TestCase("{ \"verdict\": \"maybe\" }", "verdict must be valid, invalid or unknown")]
    [TestCase("{ \"seed\": 1.5 }", "seed must be an integer")]
    [TestCase("{ \"testName\": 3 }", "testName must be a string")]
    [TestCase("[1]", "must hold a JSON object")]
    [TestCase("{\n  \"seed\": ", "not valid JSON")]
    public void Parse_Malformed_ThrowsWithReason(string json, string reason)
    {
        var ex = Assert.Throws<HistoryFormatException>(() => RunResultsReader.Parse(json, "run/results.json"))!;

        Assert.That(ex.Message, Does.StartWith("run/results.json:").And.Contain(reason));
    }
}
