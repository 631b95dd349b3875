using RaftChaos.Checker.History;
using RaftChaos.Controller.Nemeses;

namespace RaftChaos.Controller.Runs;

/// <summary>How the cluster rode out its faults (results.json "failover").</summary>
/// <param name="TimeWithoutLeaderMs">Time of the main phase without an agreed leader (see <see cref="LeaderPoller"/>).</param>
/// <param name="Terms">Terms the cluster went through during the main phase.</param>
/// <param name="KillToNextWrite">For each kill of the leader: when, which node, and the time to the next acknowledged write.</param>
public sealed record FailoverFigures(double TimeWithoutLeaderMs, ulong Terms, IReadOnlyList<KillToWrite> KillToNextWrite)
{
    /// <summary>The median of <see cref="KillToNextWrite"/> (ms), or null without leader kills followed by a write.</summary>
    public double? MedianKillToNextWriteMs
    {
        get
        {
            var values = KillToNextWrite.Where(k => k.Ms is not null).Select(k => k.Ms!.Value).Order().ToList();
            if (values.Count == 0) return null;
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        }
    }

    /// <summary>The figures from the poller, the leader kills and the history's events.</summary>
    public static FailoverFigures From(LeaderPoller poller, IEnumerable<LeaderKill> kills, IReadOnlyList<HistoryEvent> events)
        => From(poller.TimeWithoutLeader, poller.Terms, kills, events);

    /// <summary>The figures from measured leaderless time and terms, the leader kills and the history's events. Pure.</summary>
    public static FailoverFigures From(TimeSpan timeWithoutLeader, ulong terms, IEnumerable<LeaderKill> kills, IReadOnlyList<HistoryEvent> events)
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
            return new KillToWrite(k.Time / 1_000_000.0, k.NodeId, next < 0 ? null : (next - k.Time) / 1_000_000.0);
        }).ToList();
        return new FailoverFigures(timeWithoutLeader.TotalMilliseconds, terms, figures);
    }
}
