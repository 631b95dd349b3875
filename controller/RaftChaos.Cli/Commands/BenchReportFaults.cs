using RaftChaos.Checker.History;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// For <c>bench-report</c>: adds a fixed fault schedule to a generated history, so the report has fault windows to
/// shade. The run is cut into eighths: a partition in the second, a kill and restart in the fourth, a clock bump in
/// the fifth, a pause in the seventh. Events are renumbered so <c>index</c> stays the position.
/// </summary>
internal static class BenchReportFaults
{
    /// <summary>The events of <paramref name="history"/> with the schedule merged in by time.</summary>
    public static IEnumerable<HistoryEvent> Interleave(IReadOnlyList<HistoryEvent> history)
    {
        if (history.Count == 0)
        {
            yield break;
        }

        var (start, end) = (history[0].Time, history[^1].Time);
        var eighth = (end - start) / 8;
        var nemesis = new (long Time, string F, HistoryValue Value)[]
        {
            (start + eighth, "start-partition", new RawJsonValue("""{"n1":["n2","n3"],"n2":["n1"],"n3":["n1"]}""")),
            (start + (2 * eighth), "stop-partition", HistoryValue.Null),
            (start + (3 * eighth), "kill", HistoryValue.ListOf(HistoryValue.Of("n2"))),
            (start + (3 * eighth) + (eighth / 2), "start", HistoryValue.ListOf(HistoryValue.Of("n2"))),
            (start + (4 * eighth) + (eighth / 3), "bump-clock", new RawJsonValue("""{"n3":250}""")),
            (start + (6 * eighth), "pause", HistoryValue.ListOf(HistoryValue.Of("n1"))),
            (start + (6 * eighth) + (eighth / 2), "resume", HistoryValue.ListOf(HistoryValue.Of("n1"))),
        };
        var next = 0;
        var index = 0L;
        foreach (var historyEvent in history)
        {
            while (next < nemesis.Length && nemesis[next].Time <= historyEvent.Time)
            {
                var (time, f, value) = nemesis[next++];
                yield return new HistoryEvent(index++, ProcessId.Nemesis, HistoryEventType.Info, f, null, value, time);
            }

            yield return historyEvent with { Index = index++ };
        }
    }
}
