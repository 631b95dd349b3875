using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Log;

/// <summary>
/// The replicated log as one node holds it in memory: a snapshot (everything up to <see cref="SnapshotIndex"/>,
/// compacted) followed by entries. Tracks which suffix is not yet durable ("unstable": the next Ready's
/// Entries), the commit index and the applied index.
/// Invariants: SnapshotIndex ≤ Applied ≤ Committed ≤ LastIndex (Applied may trail SnapshotIndex only while a
/// received snapshot is pending installation); entries are contiguous from FirstIndex.
/// </summary>
internal sealed class RaftLog
{
    private readonly List<Entry> _entries = [];
    private ulong _offset;
    private ulong _offsetTerm;
    private ulong _stableLast;

    /// <summary>
    /// True when an unsafe bug is on: a committed entry may then be overwritten, and the log lowers its commit and
    /// applied indexes to match instead of throwing (the simulator's checks find the damage).
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>Leader entries that conflicted with committed ones since the last Ready (lenient only; the core's follower finds them, the node reports them).</summary>
    public List<CommittedEntryConflict> CommittedConflicts { get; } = [];

    /// <summary>The latest snapshot (the compaction point), or null while nothing was ever compacted.</summary>
    public Snapshot? Snapshot { get; private set; }

    /// <summary>A snapshot received from the leader that was not yet handed out, persisted and installed.</summary>
    public Snapshot? PendingSnapshot { get; private set; }

    /// <summary>Highest index known committed.</summary>
    public ulong Committed { get; private set; }

    /// <summary>Highest index the application has applied (as of the last Advance).</summary>
    public ulong Applied { get; private set; }

    public ulong SnapshotIndex => _offset;

    public ulong FirstIndex => _offset + 1;

    public ulong LastIndex => _offset + (ulong)_entries.Count;

    public ulong LastTerm => _entries.Count == 0 ? _offsetTerm : _entries[^1].Term;

    /// <summary>The last index that is durable (entries after it await persistence).</summary>
    public ulong StableLastIndex => Math.Min(_stableLast, LastIndex);

    /// <summary>Rebuilds the log of a restarting node from what it persisted; everything recovered is stable.</summary>
    public static RaftLog Recover(Snapshot? snapshot, IReadOnlyList<Entry> entries, bool lenient = false)
    {
        var log = new RaftLog { Lenient = lenient };
        if (snapshot is not null && snapshot.Index > 0)
        {
            log._offset = snapshot.Index;
            log._offsetTerm = snapshot.Term;
            log.Snapshot = snapshot;
            log.Committed = snapshot.Index;
            log.Applied = snapshot.Index;
        }
        foreach (var e in entries)
        {
            if (e.Index <= log._offset)
            {
                continue;
            }

            if (e.Index > log.LastIndex + 1)
            {
                throw new InvalidOperationException($"recovered log has a gap: entry {e.Index} after {log.LastIndex}");
            }

            log.Append([e]);
        }
        log._stableLast = log.LastIndex;
        return log;
    }

    /// <summary>Term of entry <paramref name="index"/>; false when it was compacted (before the snapshot) or does not exist yet.</summary>
    public bool TryTerm(ulong index, out ulong term)
    {
        term = 0;
        if (index == _offset) { term = _offsetTerm; return true; }
        if (index < _offset || index > LastIndex)
        {
            return false;
        }

        term = _entries[(int)(index - _offset - 1)].Term;
        return true;
    }

    /// <summary>Term of entry <paramref name="index"/>, or 0 when unavailable.</summary>
    public ulong TermOrZero(ulong index) => TryTerm(index, out var t) ? t : 0;

    public bool MatchTerm(ulong index, ulong term) => TryTerm(index, out var t) && t == term;

    /// <summary>The entry at <paramref name="index"/>; it must be in the log (not compacted).</summary>
    public Entry At(ulong index)
    {
        if (index <= _offset || index > LastIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"entry {index} not in log {FirstIndex}..{LastIndex}");
        }

        return _entries[(int)(index - _offset - 1)];
    }

    /// <summary>Election restriction (§5.4.1): a log ending at (lastIndex, lastTerm) is at least as up-to-date as ours.</summary>
    public bool IsUpToDate(ulong lastIndex, ulong lastTerm) =>
        lastTerm > LastTerm || (lastTerm == LastTerm && lastIndex >= LastIndex);

    /// <summary>
    /// Index of the first entry of <paramref name="entries"/> that conflicts with the log (same index, other term)
    /// or is new; 0 when all are already present.
    /// </summary>
    public ulong FindConflict(IReadOnlyList<Entry> entries)
    {
        foreach (var e in entries)
        {
            if (!MatchTerm(e.Index, e.Term))
            {
                return e.Index;
            }
        }

        return 0;
    }

    /// <summary>
    /// Fast back-off: the largest index ≤ <paramref name="index"/> whose term is ≤ <paramref name="term"/>, with its term.
    /// Every entry between it and <paramref name="index"/> has a larger term, so none can match a log whose
    /// entry at that index has <paramref name="term"/>: the leader can skip them all in one round trip.
    /// </summary>
    public (ulong Index, ulong Term) FindConflictByTerm(ulong index, ulong term)
    {
        index = Math.Min(index, LastIndex);
        while (index > _offset)
        {
            var t = TermOrZero(index);
            if (t <= term)
            {
                return (index, t);
            }

            index--;
        }
        return (_offset, _offsetTerm);
    }

    /// <summary>
    /// The follower side of AppendEntries (Figure 2, receiver rules 2–4): when the entry at
    /// <paramref name="prevIndex"/> has <paramref name="prevTerm"/>, drop any conflicting suffix and append
    /// what is new; <paramref name="lastNew"/> is then the index of the last entry the leader sent.
    /// </summary>
    public bool MaybeAppend(ulong prevIndex, ulong prevTerm, IReadOnlyList<Entry> entries, out ulong lastNew)
    {
        lastNew = 0;
        if (!MatchTerm(prevIndex, prevTerm))
        {
            return false;
        }

        lastNew = prevIndex + (ulong)entries.Count;
        var conflict = FindConflict(entries);
        if (conflict != 0)
        {
            // Leader Completeness: a committed entry is never overwritten (only the unsafe bugs can get here).
            if (conflict <= Committed && !Lenient)
            {
                throw new InvalidOperationException($"entry {conflict} conflicts with committed entry (commit {Committed})");
            }

            var skip = (int)(conflict - (prevIndex + 1));
            Append(entries.Skip(skip).ToList());
        }
        return true;
    }

    /// <summary>Appends entries, first dropping any existing entry at or after the first one's index.</summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var after = entries[0].Index;
        if (after <= _offset || after > LastIndex + 1)
        {
            throw new InvalidOperationException($"append at {after} outside log {FirstIndex}..{LastIndex + 1}");
        }

        if (after <= LastIndex)
        {
            _entries.RemoveRange((int)(after - _offset - 1), (int)(LastIndex - after + 1));
            // The replaced suffix must be written again.
            _stableLast = Math.Min(_stableLast, after - 1);
            if (Committed > LastIndex)
            {
                // Only reachable when an unsafe bug let a committed entry be overwritten.
                if (!Lenient)
                {
                    throw new InvalidOperationException($"truncating committed entries at {after} (commit {Committed})");
                }

                Committed = LastIndex;
                Applied = Math.Min(Applied, Committed);
            }
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Index != after + (ulong)i)
            {
                throw new InvalidOperationException("appended entries are not contiguous");
            }

            _entries.Add(entries[i]);
        }
    }

    /// <summary>Entries in [lo, hi], at most <paramref name="maxBytes"/> of payload but at least one.</summary>
    public IReadOnlyList<Entry> Slice(ulong lo, ulong hi, long maxBytes)
    {
        if (lo > hi)
        {
            return [];
        }

        if (lo <= _offset || hi > LastIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"slice {lo}..{hi} outside log {FirstIndex}..{LastIndex}");
        }

        var result = new List<Entry>();
        long size = 0;
        for (var i = lo; i <= hi; i++)
        {
            var e = _entries[(int)(i - _offset - 1)];
            size += e.PayloadSize;
            if (result.Count > 0 && size > maxBytes)
            {
                break;
            }

            result.Add(e);
        }
        return result;
    }

    /// <summary>Raises the commit index. Never lowers it; never past the last entry.</summary>
    public void CommitTo(ulong index)
    {
        if (index <= Committed)
        {
            return;
        }

        if (index > LastIndex)
        {
            throw new InvalidOperationException($"commit {index} is past the last index {LastIndex}");
        }

        Committed = index;
    }

    public bool HasUnstableEntries => _stableLast < LastIndex;

    /// <summary>Entries not yet durable: the next Ready's Entries.</summary>
    public IReadOnlyList<Entry> UnstableEntries() =>
        HasUnstableEntries ? _entries.GetRange((int)(_stableLast - _offset), (int)(LastIndex - _stableLast)) : [];

    /// <summary>
    /// Entries up to (index, term) were persisted. Ignored when the log changed meanwhile (the entry at index was
    /// replaced or compacted): by Log Matching, an entry with the same index and term is the one persisted.
    /// </summary>
    public void StableTo(ulong index, ulong term)
    {
        if (MatchTerm(index, term) && index > _stableLast)
        {
            _stableLast = index;
        }
    }

    /// <summary>The pending snapshot at <paramref name="index"/> was persisted and installed.</summary>
    public void StableSnapshotTo(ulong index)
    {
        if (PendingSnapshot is not null && PendingSnapshot.Index == index)
        {
            PendingSnapshot = null;
        }

        Applied = Math.Max(Applied, index);
    }

    public bool HasNextCommittedEntries => PendingSnapshot is null && Applied < Committed;

    /// <summary>Committed entries after Applied, at most <paramref name="maxBytes"/> (at least one). None while a snapshot awaits installation.</summary>
    public IReadOnlyList<Entry> NextCommittedEntries(long maxBytes) =>
        HasNextCommittedEntries ? Slice(Math.Max(Applied + 1, FirstIndex), Committed, maxBytes) : [];

    public void AppliedTo(ulong index)
    {
        if (index > Committed)
        {
            if (!Lenient)
            {
                throw new InvalidOperationException($"applied {index} is past the commit index {Committed}");
            }

            index = Committed;
        }
        Applied = Math.Max(Applied, index);
    }

    /// <summary>Replaces the whole log with a snapshot from the leader (it covers more than we have committed).</summary>
    public void Restore(Snapshot snapshot)
    {
        _entries.Clear();
        _offset = snapshot.Index;
        _offsetTerm = snapshot.Term;
        _stableLast = snapshot.Index;
        Snapshot = snapshot;
        PendingSnapshot = snapshot;
        Committed = snapshot.Index;
    }

    /// <summary>Drops entries up to the snapshot's index (the application snapshotted its state machine there).</summary>
    public void CompactTo(Snapshot snapshot)
    {
        if (snapshot.Index <= _offset)
        {
            return;
        }

        if (snapshot.Index > Applied)
        {
            throw new InvalidOperationException($"compact {snapshot.Index} past applied {Applied}");
        }

        _entries.RemoveRange(0, (int)(snapshot.Index - _offset));
        _offset = snapshot.Index;
        _offsetTerm = snapshot.Term;
        _stableLast = Math.Max(_stableLast, _offset);
        Snapshot = snapshot;
    }
}
