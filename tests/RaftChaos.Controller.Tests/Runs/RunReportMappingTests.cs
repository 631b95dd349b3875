using RaftChaos.Checker;
using RaftChaos.Controller.Runs;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class RunReportMappingTests
{
    private static RunRecord Record(FailoverRecord? failover) => new()
    {
        TestName = "kv-partition",
        Verdict = Verdict.Valid,
        Model = "kv",
        Configuration = new RunConfiguration { Nodes = 3, Workload = "kv", Keys = 20, Nemesis = "partition,kill", Seed = 11, Unsafe = ["stale-reads"] },
        ReplayCommand = "raftchaos run ...",
        Counts = new RunCounts(10, 8, 1, 1, 4),
        Failover = failover,
        ClusterStartMs = 2_100,
    };

    [Test]
    public void From_ConfigurationInWords_NotJsonKeys()
    {
        var run = RunReportMapping.From(Record(null), []);

        var fields = run.Configuration.ToDictionary(f => f.Name, f => f.Value);
        Assert.That(fields["Workload"], Is.EqualTo("kv, 20 keys"));
        Assert.That(fields["Faults"], Is.EqualTo("partition, kill, one every 10 s"));
        Assert.That(fields["Bugs switched on"], Is.EqualTo("stale-reads"));
        Assert.That(run.Configuration.Select(f => f.Name), Has.None.Contains("Seconds").And.None.Contains("Ms"));
        Assert.That((run.Title, run.Seed, run.Model), Is.EqualTo(("kv-partition", 11L, "kv")));
    }

    [Test]
    public void From_NodeLogsWithLeaderLines_ALeaderLaneOnTheHistorysClock()
    {
        var record = Record(null) with { HistoryOrigin = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero) };
        string[] lines = ["2026-12-03T10:00:02.500000000Z ts=x level=info node=n2 event=RoleChanged role=leader previous_role=candidate term=3 leader=n2"];

        var run = RunReportMapping.From(record, lines);
        var withoutOrigin = RunReportMapping.From(Record(null), lines);

        Assert.That(run.Lanes.Single().Segments.Single(), Is.EqualTo(new RaftChaos.Report.Input.LaneSegment(2.5, null, "n2 (term 3)")));
        Assert.That(withoutOrigin.Lanes, Is.Empty, "without the history's origin the log lines cannot be placed");
        Assert.That(RunReportMapping.From(record, ["no leader line here"]).Lanes, Is.Empty, "no empty lane");
    }

    [Test]
    public void From_EtcdRunLogs_ALeaderLaneFromEtcdsElectedLeaderLines()
    {
        var origin = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var record = Record(null) with { HistoryOrigin = origin, Configuration = Record(null).Configuration with { Target = "etcd" } };
        string[] lines =
        [
            "2026-12-03T10:00:01.000000000Z {\"level\":\"info\",\"ts\":\"2026-12-03T10:00:01.000Z\",\"caller\":\"raft/node.go:327\",\"msg\":\"raft.node: 8e9e05c52164694d elected leader 8e9e05c52164694d at term 2\"}",
            "2026-12-03T10:00:04.000000000Z {\"level\":\"info\",\"ts\":\"2026-12-03T10:00:04.000Z\",\"caller\":\"raft/node.go:327\",\"msg\":\"raft.node: 8e9e05c52164694d elected leader 91bc3c398fb3c146 at term 3\"}",
        ];

        var lane = RunReportMapping.From(record, lines).Lanes.Single();

        Assert.That(lane.Segments, Is.EqualTo(new[]
        {
            new RaftChaos.Report.Input.LaneSegment(1.0, 4.0, "8e9e05c52164694d (term 2)"),
            new RaftChaos.Report.Input.LaneSegment(4.0, null, "91bc3c398fb3c146 (term 3)"),
        }));
        Assert.That(RunReportMapping.From(record with { Configuration = record.Configuration with { Target = "raftchaos" } }, lines).Lanes, Is.Empty,
            "our node's parser does not read etcd's lines");
    }

    [Test]
    public void From_Failover_FiguresWithUnits_OnlyWhenMeasured()
    {
        var measured = RunReportMapping.From(Record(new FailoverRecord(1_234.5, 4, [new LeaderKillRecord(5_000, "n1", 640.5)])), []);
        var unmeasured = RunReportMapping.From(Record(null), []);

        var figures = measured.Figures.ToDictionary(f => f.Name, f => f.Value);
        Assert.That(figures["Time without a leader"], Is.EqualTo("1.235 s"));
        Assert.That(figures["Leader kills → next acknowledged write"], Is.EqualTo("n1 at 5.0 s: 0.641 s"));
        Assert.That(unmeasured.Figures.Select(f => f.Name), Has.No.Member("Time without a leader"), "a target without leader discovery shows no failover");
    }
}
