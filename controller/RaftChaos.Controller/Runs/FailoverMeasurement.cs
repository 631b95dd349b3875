using RaftChaos.Checker.History;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Runs;

/// <summary>Measures how the cluster rode out its faults (the run record's <see cref="FailoverRecord"/>, in milliseconds).</summary>
public static class FailoverMeasurement
{
    /// <summary>The figures from the poller, the leader kills and the history's events.</summary>
    public static FailoverRecord From(LeaderPoller poller, IEnumerable<LeaderKill> kills, IReadOnlyList<HistoryEvent> events)
        => From(poller.TimeWithoutLeader, poller.Terms, kills, events);

    /// <summary>The figures from measured leaderless time and terms, the leader kills and the history's events. Pure.</summary>
    public static FailoverRecord From(TimeSpan timeWithoutLeader, ulong terms, IEnumerable<LeaderKill> kills, IReadOnlyList<HistoryEvent> events)
    {
        // Acknowledged writes (ok write or cas) by invoke time: a write invoked before the kill and acknowledged just after
        // it was committed by the old leader and says nothing about the failover.
        var invoked = new Dictionary<int, long>();
        var writes = new List<(long Invoked, long Acknowledged)>();
        foreach (var e in events.Where(e => !e.Process.IsNemesis && e.F is "write" or "cas"))
        {
            if (e.Type == HistoryEventType.Invoke) invoked[e.Process.ClientId] = e.Time;
            else if (e.Type == HistoryEventType.Ok && invoked.TryGetValue(e.Process.ClientId, out var at)) writes.Add((at, e.Time));
        }
        var figures = kills.Select(k =>
        {
            var next = writes.Where(w => w.Invoked > k.Time).Select(w => w.Acknowledged).DefaultIfEmpty(-1).Min();
            return new LeaderKillRecord(Math.Round(k.Time / 1_000_000.0, 1), k.NodeId, next < 0 ? null : Math.Round((next - k.Time) / 1_000_000.0, 1));
        }).ToList();
        return new FailoverRecord(Math.Round(timeWithoutLeader.TotalMilliseconds, 1), terms, figures);
    }
}
