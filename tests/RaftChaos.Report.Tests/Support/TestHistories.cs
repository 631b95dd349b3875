using System.Text;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;

namespace RaftChaos.Report.Tests.Support;

/// <summary>Small fixed histories and seeded generated ones for the report's tests.</summary>
internal static class TestHistories
{
    /// <summary>
    /// Two keys, three processes, every outcome, and a nemesis that partitions, kills and restarts a node, bumps a clock
    /// and starts a pause it never heals. Linearizable.
    /// </summary>
    public const string WithFaults = """
        {"index":0,"process":0,"type":"invoke","f":"write","key":"a","value":1,"time":1000000}
        {"index":1,"process":1,"type":"invoke","f":"read","key":"a","value":null,"time":2000000}
        {"index":2,"process":0,"type":"ok","f":"write","key":"a","value":1,"time":5000000}
        {"index":3,"process":1,"type":"ok","f":"read","key":"a","value":1,"time":6000000}
        {"index":4,"process":"nemesis","type":"info","f":"start-partition","value":{"n1":["n2","n3"]},"time":7000000}
        {"index":5,"process":2,"type":"invoke","f":"cas","key":"b","value":[null,3],"time":8000000}
        {"index":6,"process":0,"type":"invoke","f":"write","key":"b","value":2,"time":9000000}
        {"index":7,"process":2,"type":"fail","f":"cas","key":"b","value":[null,3],"time":12000000}
        {"index":8,"process":0,"type":"info","f":"write","key":"b","value":2,"time":20000000}
        {"index":9,"process":"nemesis","type":"info","f":"stop-partition","value":null,"time":22000000}
        {"index":10,"process":"nemesis","type":"info","f":"kill","value":["n2"],"time":24000000}
        {"index":11,"process":1,"type":"invoke","f":"read","key":"b","value":null,"time":25000000}
        {"index":12,"process":1,"type":"ok","f":"read","key":"b","value":2,"time":30000000}
        {"index":13,"process":2,"type":"invoke","f":"write","key":"a","value":4,"time":31000000}
        {"index":14,"process":2,"type":"ok","f":"write","key":"a","value":4,"time":33000000}
        {"index":15,"process":"nemesis","type":"info","f":"start","value":["n2"],"time":34000000}
        {"index":16,"process":"nemesis","type":"info","f":"bump-clock","value":{"n3":250},"time":35000000}
        {"index":17,"process":"nemesis","type":"info","f":"pause","value":["n1"],"time":36000000}
        {"index":18,"process":3,"type":"invoke","f":"read","key":"a","value":null,"time":37000000}
        {"index":19,"process":3,"type":"ok","f":"read","key":"a","value":4,"time":40000000}
        """;

    /// <summary>A read that sees a value never written: not linearizable.</summary>
    public const string Invalid = """
        {"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":0}
        {"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":10}
        {"index":2,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":20}
        {"index":3,"process":2,"type":"invoke","f":"write","key":null,"value":3,"time":22}
        {"index":4,"process":1,"type":"ok","f":"read","key":null,"value":2,"time":30}
        {"index":5,"process":2,"type":"ok","f":"write","key":null,"value":3,"time":35}
        """;

    /// <summary>
    /// Completions that say why: two writes refused (one of them redirected and then ok, on another node), a false cas,
    /// a write that timed out, one with a code this version does not know, and one fail without a reason (an older writer).
    /// </summary>
    public const string WithReasons = """
        {"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":0}
        {"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":10,"node":"n1","redirected-from":"n2"}
        {"index":2,"process":1,"type":"invoke","f":"write","key":null,"value":2,"time":20}
        {"index":3,"process":1,"type":"fail","f":"write","key":null,"value":2,"time":30,"error":"refused","node":"n3"}
        {"index":4,"process":1,"type":"invoke","f":"cas","key":null,"value":[5,6],"time":40}
        {"index":5,"process":1,"type":"fail","f":"cas","key":null,"value":[5,6],"time":50,"error":"cas-mismatch","node":"n3"}
        {"index":6,"process":2,"type":"invoke","f":"write","key":null,"value":3,"time":60}
        {"index":7,"process":2,"type":"info","f":"write","key":null,"value":3,"time":70,"error":"deadline","node":"n2"}
        {"index":8,"process":0,"type":"invoke","f":"write","key":null,"value":4,"time":80}
        {"index":9,"process":0,"type":"fail","f":"write","key":null,"value":4,"time":90,"error":"refused"}
        {"index":10,"process":0,"type":"invoke","f":"write","key":null,"value":7,"time":100}
        {"index":11,"process":0,"type":"fail","f":"write","key":null,"value":7,"time":110,"error":"from-the-future"}
        {"index":12,"process":0,"type":"invoke","f":"write","key":null,"value":8,"time":120}
        {"index":13,"process":0,"type":"fail","f":"write","key":null,"value":8,"time":130}
        """;

    /// <summary>
    /// <paramref name="events"/> with reasons as a follow-the-redirect client records them: process p talks to node
    /// n(p mod 3 + 1); fails are refusals by a node that does not take writes (cas: a false precondition, every
    /// seventh: refused), infos deadlines or unavailable; every fourth ok write from a process not on n1 was redirected there.
    /// </summary>
    public static IReadOnlyList<HistoryEvent> WithReasonsAdded(IReadOnlyList<HistoryEvent> events)
    {
        var n = 0;
        return events.Select(e =>
        {
            if (e.Type == HistoryEventType.Invoke || e.Process.IsNemesis)
            {
                return e;
            }

            var node = $"n{(e.Process.ClientId % 3) + 1}";
            n++;
            return e.Type switch
            {
                HistoryEventType.Fail => e with
                {
                    Error = e.F == "cas" ? ErrorCode.CasMismatch.Code : n % 7 == 0 ? ErrorCode.Refused.Code : ErrorCode.NotLeader.Code,
                    Node = node,
                },
                HistoryEventType.Info => e with { Error = n % 2 == 0 ? ErrorCode.Deadline.Code : ErrorCode.Unavailable.Code, Node = node },
                _ when e.F == "write" && node != "n1" && n % 4 == 0 => e with { Node = "n1", RedirectedFrom = node },
                _ => e with { Node = node },
            };
        }).ToArray();
    }

    /// <summary>Reads a history held as JSON Lines text.</summary>
    public static OperationHistory Read(string jsonLines, string source)
    {
        using var reader = new HistoryReader(new MemoryStream(Encoding.UTF8.GetBytes(jsonLines)), source);
        return OperationHistory.Read(reader);
    }

    /// <summary>Writes <paramref name="jsonLines"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string jsonLines) => File.WriteAllText(path, jsonLines + "\n");

    /// <summary>A seeded generated history (time in realistic milliseconds) with a fault schedule merged in.</summary>
    public static IReadOnlyList<HistoryEvent> Generated(int operations, int keys, double wrongReads = 0, int seed = 42)
    {
        var events = new RandomHistoryGenerator(seed).Generate(new RandomHistoryOptions
        {
            OperationCount = operations,
            KeyCount = keys,
            ProcessCount = 8,
            InfoProbability = 0.02,
            WrongReadProbability = wrongReads,
            MaxDurationNanos = 20_000_000,
            MaxGapNanos = 2_000_000,
        });
        var (start, end) = (events[0].Time, events[^1].Time);
        var quarter = (end - start) / 4;
        var nemesis = new List<HistoryEvent>
        {
            new(0, ProcessId.Nemesis, HistoryEventType.Info, "start-partition", null, new RawJsonValue("""{"n1":["n2","n3"]}"""), start + quarter),
            new(0, ProcessId.Nemesis, HistoryEventType.Info, "stop-partition", null, HistoryValue.Null, start + (2 * quarter)),
            new(0, ProcessId.Nemesis, HistoryEventType.Info, "kill", null, HistoryValue.ListOf(HistoryValue.Of("n2")), start + (5 * quarter / 2)),
            new(0, ProcessId.Nemesis, HistoryEventType.Info, "start", null, HistoryValue.ListOf(HistoryValue.Of("n2")), start + (3 * quarter)),
        };
        return events.Concat(nemesis)
            .Select((e, order) => (e, order))
            .OrderBy(pair => pair.e.Time).ThenBy(pair => pair.order)
            .Select((pair, index) => pair.e with { Index = index })
            .ToArray();
    }

    /// <summary>
    /// <paramref name="events"/> with more nemesis events, each at a fraction of the way from the first event to the last
    /// (<paramref name="value"/> as JSON), merged in time order and re-indexed.
    /// </summary>
    public static IReadOnlyList<HistoryEvent> WithNemesis(IReadOnlyList<HistoryEvent> events, params (double Fraction, string F, string Value)[] nemesis)
    {
        var (start, end) = (events[0].Time, events[^1].Time);
        return events
            .Concat(nemesis.Select(n => new HistoryEvent(
                0, ProcessId.Nemesis, HistoryEventType.Info, n.F, null, new RawJsonValue(n.Value), start + (long)((end - start) * n.Fraction))))
            .Select((e, order) => (e, order))
            .OrderBy(pair => pair.e.Time).ThenBy(pair => pair.order)
            .Select((pair, index) => pair.e with { Index = index })
            .ToArray();
    }

    /// <summary>Writes events as a history file.</summary>
    public static void Write(string path, IEnumerable<HistoryEvent> events)
    {
        using var writer = HistoryWriter.Create(path);
        foreach (var historyEvent in events)
        {
            writer.Write(historyEvent);
        }
    }
}
