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
    {
        // Acknowledged writes: ok completions of write or cas (a cas ok is a write that took effect).
        var writes = events.Where(e => !e.Process.IsNemesis && e.Type == HistoryEventType.Ok && e.F is "write" or "cas")
            .Select(e => e.Time).ToList();
        var figures = kills.Select(k =>
        {
            var next = writes.FirstOrDefault(t => t > k.Time, -1);
            return new KillToWrite(k.Time / 1_000_000.0, k.NodeId, next < 0 ? null : (next - k.Time) / 1_000_000.0);
        }).ToList();
        return new FailoverFigures(poller.TimeWithoutLeader.TotalMilliseconds, poller.Terms, figures);
    }
}
