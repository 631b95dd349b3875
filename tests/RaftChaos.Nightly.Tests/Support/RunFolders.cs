using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Runs;

namespace RaftChaos.Nightly.Tests.Support;

/// <summary>Run folders as <c>raftchaos run</c> writes them, with a tiny history.</summary>
internal static class RunFolders
{
    /// <summary>
    /// A register history that is not linearizable: a fault event at 0.5 s, a write of 1, then a read at 2.5 s that
    /// sees 2, a value nobody wrote.
    /// </summary>
    public const string InvalidHistory = """
        {"index":0,"process":"nemesis","type":"info","f":"start-partition","value":null,"time":500000000}
        {"index":1,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":1000000000}
        {"index":2,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":1100000000}
        {"index":3,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":2000000000}
        {"index":4,"process":1,"type":"ok","f":"read","key":null,"value":2,"time":2500000000}
        {"index":5,"process":2,"type":"invoke","f":"write","key":null,"value":3,"time":2600000000}
        {"index":6,"process":2,"type":"info","f":"write","key":null,"value":3,"time":4600000000}

        """;

    /// <summary>A valid one: write 1, read 1, and a refused write.</summary>
    public const string ValidHistory = """
        {"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":1000000000}
        {"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":1100000000}
        {"index":2,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":2000000000}
        {"index":3,"process":1,"type":"ok","f":"read","key":null,"value":1,"time":2500000000}
        {"index":4,"process":0,"type":"invoke","f":"write","key":null,"value":2,"time":2600000000}
        {"index":5,"process":0,"type":"fail","f":"write","key":null,"value":2,"time":2700000000}

        """;

    /// <summary>A run record as <c>raftchaos run</c> saves it, with <paramref name="verdict"/> and, when invalid, a detection 2 s in.</summary>
    public static string Results(string verdict)
    {
        var word = verdict switch { "valid" => Verdict.Valid, "invalid" => Verdict.Invalid, _ => Verdict.Unknown };
        return RunRecordFile.ToJson(new RunRecord
        {
            TestName = "t",
            Verdict = word,
            Model = "cas-register",
            Configuration = new RunConfiguration { Seed = 5 },
            ReplayCommand = "raftchaos run --seed 5",
            Checks = [new CheckOutcome("linearizability", word, word == Verdict.Invalid ? [new Finding("the register: p1 read -> 2 cannot follow ...", 2.5)] : [])],
            FirstDetection = word == Verdict.Invalid ? new RunDetection("linearizability", 2.0, "the register: p1 read -> 2 cannot follow ...", null) : null,
            Counts = word == Verdict.Invalid ? new RunCounts(3, 2, 0, 1, 1) : new RunCounts(3, 2, 1, 0, 0),
            Failover = new FailoverRecord(812.5, 3, [new LeaderKillRecord(5000, "n1", 300), new LeaderKillRecord(9000, "n2", null)]),
        });
    }

    public static string Write(string parent, string verdict, string history)
    {
        var folder = Path.Combine(parent, "20261126T040000");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), Results(verdict));
        File.WriteAllText(Path.Combine(folder, "history.jsonl"), history);
        return folder;
    }
}
