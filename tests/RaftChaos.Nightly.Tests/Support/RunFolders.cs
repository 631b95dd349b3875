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

    public static string Results(string verdict) => $$$"""
        {"testName":"t","verdict":"{{{verdict}}}","model":"cas-register","seed":5,"replayCommand":"raftchaos run --seed 5",
         "counts":{"ok":2,"fail":1,"info":0},
         "failover":{"timeWithoutLeaderMs":812.5,"terms":3,"killToNextWriteMs":[{"atMs":5000,"node":"n1","ms":300},{"atMs":9000,"node":"n2","ms":null}]}}
        """;

    public static string Write(string parent, string verdict, string history)
    {
        var folder = Path.Combine(parent, "20261126T040000");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), Results(verdict));
        File.WriteAllText(Path.Combine(folder, "history.jsonl"), history);
        return folder;
    }
}
