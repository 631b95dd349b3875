using RaftChaos.Checker;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Runs.Tests;

/// <summary>Run records with every field set, for round trips and the schema test.</summary>
internal static class SampleRecords
{
    public static RunRecord Invalid() => new()
    {
        TestName = "register-all",
        Verdict = Verdict.Invalid,
        Model = "cas-register",
        Configuration = new RunConfiguration { Nodes = 3, Nemesis = "partition,kill", TimeLimitSeconds = 40, Seed = 7, Unsafe = ["stale-reads"], Failpoint = "crash-after-vote=0.5" },
        ReplayCommand = "raftchaos run --nodes 3 --workload register --nemesis partition,kill --time-limit 40 --unsafe stale-reads --seed 7",
        RunId = "r1a2b3c4",
        Checks =
        [
            new CheckOutcome("linearizability", Verdict.Invalid, [new Finding("the register: p3 read -> 4 cannot follow ...", 12.5)]),
            new CheckOutcome("election-safety", Verdict.Invalid, [new Finding("term 4 had 2 leaders: n1, n3", 3.25), new Finding("term 9 had 2 leaders: n2, n3")]),
            CheckOutcome.Valid("state-machine-safety"),
        ],
        FirstDetection = new RunDetection("election-safety", 3.0, "term 4 had 2 leaders: n1, n3", null),
        Counts = new RunCounts(1_200, 700, 480, 20, 12),
        Failover = new FailoverRecord(1_234.5, 6, [new LeaderKillRecord(5_000, "n1", 640.5), new LeaderKillRecord(15_000, "n2", null)]),
        CheckerMs = 12.5,
        ClusterStartMs = 2_100,
        HealProblems = ["n2: 1 DROP rule left"],
        ProcessNodes = new Dictionary<int, string> { [0] = "n1", [1] = "n2", [12] = "n3" },
    };
}
