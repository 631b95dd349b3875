using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Checks;

/// <summary>
/// Raft's safety properties (paper, Figure 3), checked as the run goes, over its whole length:
/// election safety (one leader per term), leader completeness (a new leader holds every entry any node applied),
/// state machine safety (no two applications of different entries at one index, restarts included) and, when asked,
/// log matching (same index and term ⇒ identical logs up to there). Keeps the first violation.
/// </summary>
public sealed class SafetyMonitor
{
    private readonly Dictionary<ulong, ulong> _leaderByTerm = [];
    // Every entry applied by any node, index i + 1 at position i: the committed log as far as anyone knows it.
    private readonly List<Entry> _applied = [];

    /// <summary>The first violation found, or null.</summary>
    public Violation? First { get; private set; }

    /// <summary>Terms that had a leader.</summary>
    public int Elections => _leaderByTerm.Count;

    /// <summary>Entries known committed (applied somewhere).</summary>
    public int CommittedEntries => _applied.Count;

    /// <summary>Node <paramref name="node"/> became leader of <paramref name="term"/>; <paramref name="log"/> holds its log (its no-op included).</summary>
    public void OnLeader(ulong node, ulong term, DurableStore log, long time)
    {
        if (_leaderByTerm.TryGetValue(term, out var other) && other != node)
        {
            Report("election-safety", $"n{other} and n{node} were both leaders of term {term}", time);
            return;
        }
        _leaderByTerm[term] = node;
        for (var i = 0; i < _applied.Count; i++)
        {
            var expected = _applied[i];
            var held = log.EntryAt(expected.Index);
            if (held is null || held.Term != expected.Term)
            {
                Report("leader-completeness",
                    $"n{node} became leader of term {term} without committed entry {expected} (it holds {held?.ToString() ?? "nothing"} there)", time);
                return;
            }
        }
    }

    /// <summary>Node <paramref name="node"/> applied <paramref name="entry"/> to its state machine.</summary>
    public void OnApplied(ulong node, Entry entry, long time)
    {
        var position = (long)entry.Index - 1;
        if (position < _applied.Count)
        {
            var first = _applied[(int)position];
            if (!SameEntry(first, entry))
                Report("state-machine-safety", $"n{node} applied {entry} at index {entry.Index} where {first} was applied before", time);
            return;
        }
        if (position > _applied.Count)
        {
            Report("state-machine-safety", $"n{node} applied index {entry.Index} before anyone applied index {_applied.Count + 1}", time);
            return;
        }
        _applied.Add(entry);
    }

    /// <summary>Log matching over every pair of <paramref name="logs"/> (node id, current log).</summary>
    public void CheckLogMatching(IReadOnlyList<(ulong Id, DurableStore Log)> logs, long time)
    {
        for (var a = 0; a < logs.Count; a++)
            for (var b = a + 1; b < logs.Count; b++)
                if (LogMismatch(logs[a].Log.Log, logs[b].Log.Log) is { } index)
                {
                    Report("log-matching",
                        $"n{logs[a].Id} and n{logs[b].Id} agree on the term at index {index.Agree} but differ at index {index.Differ}", time);
                    return;
                }
    }

    /// <summary>Records a violation found elsewhere (linearizability, a core exception). Only the first is kept.</summary>
    public void Report(string property, string detail, long time) => First ??= new Violation(property, detail, time);

    // The property: if two logs hold an entry with the same index and term, they are identical up to it. Walking up, a
    // differing entry at `differ` is a violation if any later index has equal terms in both.
    private static (ulong Differ, ulong Agree)? LogMismatch(IReadOnlyList<Entry> x, IReadOnlyList<Entry> y)
    {
        var n = Math.Min(x.Count, y.Count);
        ulong firstDifference = 0;
        for (var i = 0; i < n; i++)
        {
            var same = x[i].Term == y[i].Term;
            if (same && firstDifference != 0) return (firstDifference, (ulong)i + 1);
            if (same && !SameEntry(x[i], y[i])) return ((ulong)i + 1, (ulong)i + 1);
            if (!same && firstDifference == 0) firstDifference = (ulong)i + 1;
        }
        return null;
    }

    private static bool SameEntry(Entry a, Entry b) =>
        ReferenceEquals(a, b) || (a.Index == b.Index && a.Term == b.Term && a.Type == b.Type && a.Data.Span.SequenceEqual(b.Data.Span));
}
