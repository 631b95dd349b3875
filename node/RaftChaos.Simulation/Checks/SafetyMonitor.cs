using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Nodes;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Checks;

/// <summary>
/// Raft's safety properties (paper, Figure 3), checked as the run goes, over its whole length:
/// election safety (one leader per term), leader completeness (a new leader holds every entry any node applied),
/// state machine safety (no two applications of different entries at one index, restarts included) and, when asked,
/// log matching (same index and term ⇒ identical logs up to there). Keeps the first violation.
/// Indices covered by a snapshot are not applied one by one; instead every snapshot taken or installed is compared with
/// the committed prefix: its term at its index, and its state with the state the committed commands 1..index produce.
/// </summary>
public sealed class SafetyMonitor
{
    private readonly Dictionary<ulong, ulong> _leaderByTerm = [];
    // Every entry applied by any node, index i + 1 at position i: the committed log as far as anyone knows it.
    private readonly List<Entry> _applied = [];
    // The committed commands replayed up to _replayedTo, and the canonical state bytes at each index a snapshot was taken.
    private KvStateMachine _replayed = new();
    private ulong _replayedTo;
    private readonly Dictionary<ulong, byte[]> _stateAt = [];

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
        // Entries below the leader's snapshot are covered by it, and it was checked against them when it was taken or installed.
        var snapshot = log.Snapshot;
        if (snapshot is not null && snapshot.Index <= (ulong)_applied.Count && _applied[(int)snapshot.Index - 1].Term != snapshot.Term)
        {
            Report("leader-completeness", $"n{node} became leader of term {term} with {snapshot}, but {_applied[(int)snapshot.Index - 1]} was committed there", time);
            return;
        }
        for (var i = (int)(snapshot?.Index ?? 0); i < _applied.Count; i++)
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
            {
                Report("state-machine-safety", $"n{node} applied {entry} at index {entry.Index} where {first} was applied before", time);
            }

            return;
        }
        if (position > _applied.Count)
        {
            Report("state-machine-safety", $"n{node} applied index {entry.Index} before anyone applied index {_applied.Count + 1}", time);
            return;
        }
        _applied.Add(entry);
    }

    /// <summary>Node <paramref name="node"/> took (<paramref name="installed"/> false) or installed <paramref name="snapshot"/>.</summary>
    public void OnSnapshot(ulong node, Snapshot snapshot, bool installed, long time)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var how = installed ? "installed" : "took";
        if (snapshot.Index == 0 || snapshot.Index > (ulong)_applied.Count)
        {
            Report("state-machine-safety", $"n{node} {how} {snapshot}, past the last index anyone applied ({_applied.Count})", time);
            return;
        }
        var committed = _applied[(int)snapshot.Index - 1];
        if (committed.Term != snapshot.Term)
        {
            Report("state-machine-safety", $"n{node} {how} {snapshot} where {committed} was applied", time);
            return;
        }
        if (!StateAt(snapshot.Index).AsSpan().SequenceEqual(snapshot.Data.Span))
        {
            Report("state-machine-safety", $"n{node} {how} {snapshot} whose state differs from that of the committed commands 1..{snapshot.Index}", time);
        }
    }

    /// <summary>Log matching over every pair of <paramref name="logs"/> (node id, current log).</summary>
    public void CheckLogMatching(IReadOnlyList<(ulong Id, DurableStore Log)> logs, long time)
    {
        for (var a = 0; a < logs.Count; a++)
        {
            for (var b = a + 1; b < logs.Count; b++)
            {
                if (LogMismatch(logs[a].Log, logs[b].Log) is { } index)
                {
                    Report("log-matching",
                        $"n{logs[a].Id} and n{logs[b].Id} agree on the term at index {index.Agree} but differ at index {index.Differ}", time);
                    return;
                }
            }
        }
    }

    /// <summary>Records a violation found elsewhere (linearizability, a core exception). Only the first is kept.</summary>
    public void Report(string property, string detail, long time) => First ??= new Violation(property, detail, time);

    // The property: if two logs hold an entry with the same index and term, they are identical up to it. Walking up, a
    // differing entry at `differ` is a violation if any later index has equal terms in both. Only the indices both logs
    // still hold are compared: compacted prefixes are checked through their snapshots (OnSnapshot).
    private static (ulong Differ, ulong Agree)? LogMismatch(DurableStore x, DurableStore y)
    {
        var from = Math.Max(x.FirstIndex, y.FirstIndex);
        var to = Math.Min(x.LastIndex, y.LastIndex);
        ulong firstDifference = 0;
        for (var index = from; index <= to; index++)
        {
            Entry a = x.EntryAt(index)!, b = y.EntryAt(index)!;
            var same = a.Term == b.Term;
            if (same && firstDifference != 0)
            {
                return (firstDifference, index);
            }

            if (same && !SameEntry(a, b))
            {
                return (index, index);
            }

            if (!same && firstDifference == 0)
            {
                firstDifference = index;
            }
        }
        return null;
    }

    // Snapshots come at rising indices, so replaying forward from the last one is usually enough; an older index replays from 1.
    private byte[] StateAt(ulong index)
    {
        if (_stateAt.TryGetValue(index, out var cached))
        {
            return cached;
        }

        if (index < _replayedTo)
        {
            _replayed = new KvStateMachine();
            _replayedTo = 0;
        }
        for (; _replayedTo < index; _replayedTo++)
        {
            _replayed.Apply(_applied[(int)_replayedTo]);
        }

        return _stateAt[index] = _replayed.Encode();
    }

    private static bool SameEntry(Entry a, Entry b) =>
        ReferenceEquals(a, b) || (a.Index == b.Index && a.Term == b.Term && a.Type == b.Type && a.Data.Span.SequenceEqual(b.Data.Span));
}
