using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Controller.Runs;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class RunRecordBuilderTests
{
    // A fault event at 0.5 s, write 1, then a read at 2.5 s that sees 2, a value nobody wrote: not linearizable.
    private const string InvalidHistory = """
        {"index":0,"process":"nemesis","type":"info","f":"start-partition","value":null,"time":500000000}
        {"index":1,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":1000000000}
        {"index":2,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":1100000000}
        {"index":3,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":2000000000}
        {"index":4,"process":1,"type":"ok","f":"read","key":null,"value":2,"time":2500000000}
        """;

    private const string ValidHistory = """
        {"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":1000000000}
        {"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":1100000000}
        """;

    private static readonly RunRecordBuilder.Measurements Measured = new("r1", new RunCounts(2, 2, 0, 0, 1), null, [], TimeSpan.FromSeconds(2), new Dictionary<int, string>());

    private static (OperationHistory History, CheckResult Check) Checked(string text)
    {
        using var reader = new HistoryReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "history.jsonl");
        var history = OperationHistory.Read(reader);
        return (history, new LinearizabilityChecker().Check(history, BuiltInModels.Find("cas-register")!));
    }

    [Test]
    public void Build_InvalidHistory_LinearizabilityFirstAndDetectionFromTheFirstEvent()
    {
        var (history, check) = Checked(InvalidHistory);

        var record = RunRecordBuilder.Build("t", new RunConfiguration { Seed = 3 }, history, check, [CheckOutcome.Valid("election-safety")], Measured);

        Assert.That(record.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(record.Checks.Select(c => (c.Name, c.Verdict)), Is.EqualTo(new[] { ("linearizability", Verdict.Invalid), ("election-safety", Verdict.Valid) }));
        Assert.That(record.FirstDetection!.Check, Is.EqualTo("linearizability"));
        Assert.That(record.FirstDetection.AfterSeconds, Is.EqualTo(2.0).Within(1e-9), "the read completed at 2.5 s, the first event was at 0.5 s");
        Assert.That(record.FirstDetection.Text, Does.Contain("read"));
        Assert.That(record.ReplayCommand, Is.EqualTo(new RunConfiguration { Seed = 3 }.ReplayCommand));
    }

    [Test]
    public void Build_ValidHistoryButANodeLogFinding_InvalidAndTheFindingIsTheDetection()
    {
        var (history, check) = Checked(ValidHistory);
        var twoLeaders = new CheckOutcome("election-safety", Verdict.Invalid, [new Finding("term 4 had 2 leaders: n1, n2", 3.0), new Finding("term 2 had 2 leaders: n2, n3")]);

        var record = RunRecordBuilder.Build("t", new RunConfiguration(), history, check, [twoLeaders, CheckOutcome.Valid("state-machine-safety")], Measured);

        Assert.That(record.Verdict, Is.EqualTo(Verdict.Invalid), "a node-log finding makes a run with a linearizable history invalid");
        Assert.That(record.FirstDetection, Is.EqualTo(new RunDetection("election-safety", 2.0, "term 4 had 2 leaders: n1, n2", null)),
            "the only timed finding, 3.0 s on the history's clock, first event at 1.0 s");
    }

    [Test]
    public void FirstDetection_EarliestTimedFindingOfAnInvalidCheck_IgnoresValidAndUnknownChecks()
    {
        CheckOutcome[] checks =
        [
            new("linearizability", Verdict.Unknown, [new Finding("bound hit", 0.1)]),
            new("state-machine-safety", Verdict.Invalid, [new Finding("n3 ...", 9.0), new Finding("n2 ...", 1.5)]),
            new("election-safety", Verdict.Invalid, [new Finding("term 4 ...", 3.0)]),
        ];

        var detection = RunRecordBuilder.FirstDetection(checks, firstEventSeconds: 0.5);

        Assert.That(detection, Is.EqualTo(new RunDetection("state-machine-safety", 1.0, "n2 ...", null)));
        Assert.That(RunRecordBuilder.FirstDetection([new CheckOutcome("x", Verdict.Invalid, [new Finding("untimed")])], 0), Is.Null, "no time recorded: no detection time");
    }

    [Test]
    public void Build_UnknownCheck_VerdictUnknownNotValid()
    {
        var (history, check) = Checked(ValidHistory);

        var record = RunRecordBuilder.Build("t", new RunConfiguration(), history, check, [CheckOutcome.Unknown("election-safety", "the logs could not be read")], Measured);

        Assert.That(record.Verdict, Is.EqualTo(Verdict.Unknown));
    }
}
