using RaftChaos.Checker.History;
using RaftChaos.Report.Input;

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
