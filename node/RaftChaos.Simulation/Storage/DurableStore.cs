using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Simulation.Storage;

/// <summary>
/// A node's simulated disk: a snapshot file and an ordered write-ahead log of what Ready batches asked to persist, and
/// how much of the log was synced. Log writes land in a volatile page cache until <see cref="Sync"/> (a Ready with
/// MustSync) makes everything written so far durable; <see cref="Crash"/> throws the unsynced tail away, as losing power
/// does. So a node that acknowledged what it had not synced (the <c>ack-before-persist</c> bug) really loses it.
/// A snapshot is written as real stores write one (temporary file, fsync, rename): atomically and durably at once, so a
/// crash leaves the old snapshot or the new one, never half of one.
/// </summary>
public sealed class DurableStore
{
    private readonly List<WalRecord> _wal = [];
    // The log as the node currently sees it (synced or not): _log[i] holds index _snapshotIndex + i + 1.
    private readonly List<Entry> _log = [];
    private int _synced;
    private ulong _snapshotIndex;

    /// <summary>The last hard state written (synced or not).</summary>
    public HardState HardState { get; private set; }

    /// <summary>The durable snapshot, or null before the first one.</summary>
    public Snapshot? Snapshot { get; private set; }

    /// <summary>The current log after the snapshot, index <see cref="FirstIndex"/> + i at position i.</summary>
    public IReadOnlyList<Entry> Log => _log;

    /// <summary>The first index the log can hold: one past the snapshot.</summary>
    public ulong FirstIndex => _snapshotIndex + 1;

    /// <summary>The last index in the current log (the snapshot's index when the log is empty).</summary>
    public ulong LastIndex => _snapshotIndex + (ulong)_log.Count;

    /// <summary>True when nothing was ever written: the node boots as a founder.</summary>
    public bool IsEmpty => LastIndex == 0 && HardState.IsEmpty && Snapshot is null;

    /// <summary>Records written but not yet synced: what a crash now would lose.</summary>
    public int UnsyncedRecords => _wal.Count - _synced;

    /// <summary>Syncs performed (fsync calls).</summary>
    public long SyncCount { get; private set; }

    /// <summary>The entry at <paramref name="index"/>, or null when the log does not hold it (compacted or not reached).</summary>
    public Entry? EntryAt(ulong index) => index > _snapshotIndex && index <= LastIndex ? _log[(int)(index - _snapshotIndex) - 1] : null;

    /// <summary>Writes a Ready's entries: they replace any stored entry from <c>entries[0].Index</c> on.</summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        _wal.Add(new WalRecord(entries, default, false));
        ApplyToView(entries);
    }

    /// <summary>Writes a hard state.</summary>
    public void SetHardState(HardState hardState)
    {
        _wal.Add(new WalRecord([], hardState, true));
        HardState = hardState;
    }

    /// <summary>fsync: everything written so far becomes durable.</summary>
    public void Sync()
    {
        _synced = _wal.Count;
        SyncCount++;
    }

    /// <summary>
    /// The node's own state machine was snapshotted at <c>snapshot.Index</c> (≤ applied): the snapshot is saved durably,
    /// and stored entries up to it are dropped. Entries after it, and unsynced writes, stay as they were.
    /// </summary>
    public void SaveSnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index <= _snapshotIndex)
        {
            throw new InvalidOperationException($"snapshot {snapshot.Index} is not past the stored one at {_snapshotIndex}");
        }

        Snapshot = snapshot;
        CollapseDurablePrefix(dropEntries: false);
        var keep = LastIndex > snapshot.Index ? _log.GetRange((int)(snapshot.Index - _snapshotIndex), (int)(LastIndex - snapshot.Index)) : [];
        _log.Clear();
        _log.AddRange(keep);
        _snapshotIndex = snapshot.Index;
    }

    /// <summary>
    /// A snapshot received from the leader (Ready.Snapshot): it replaces the whole log, durably and at once; stored
    /// entries, synced or not, are gone. Hard states written before it are kept as they were.
    /// </summary>
    public void InstallSnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        CollapseDurablePrefix(dropEntries: true);
        _wal.RemoveAll(r => !r.IsHardState);
        _log.Clear();
        _snapshotIndex = snapshot.Index;
    }

    /// <summary>Power loss: unsynced writes are gone; the view is rebuilt from the snapshot and the durable records.</summary>
    public void Crash()
    {
        _wal.RemoveRange(_synced, _wal.Count - _synced);
        _log.Clear();
        _snapshotIndex = Snapshot?.Index ?? 0;
        HardState = default;
        foreach (var record in _wal)
        {
            if (record.IsHardState)
            {
                HardState = record.HardState;
            }
            else
            {
                ApplyToView(record.Entries);
            }
        }
    }

    /// <summary>What a restarting node reads back: the snapshot, the last durable hard state and the durable log after the snapshot.</summary>
    public RecoveredState Recover()
    {
        if (UnsyncedRecords > 0)
        {
            throw new InvalidOperationException("recover only after a crash: unsynced records are still present");
        }

        return new RecoveredState { HardState = HardState, Snapshot = Snapshot, Entries = [.. _log], Applied = _snapshotIndex };
    }

    // Rewrites the synced records as one hard-state record and one record of the durable log (or none), as a store that
    // compacts its WAL does. The unsynced records stay after them, so a crash still loses exactly those.
    private void CollapseDurablePrefix(bool dropEntries)
    {
        HardState durableHardState = default;
        var durableLog = new List<Entry>();
        var durableFirst = _snapshotIndex;
        for (var i = 0; i < _synced; i++)
        {
            var record = _wal[i];
            if (record.IsHardState) { durableHardState = record.HardState; continue; }
            var from = Math.Max(record.Entries[0].Index, durableFirst + 1);
            var keep = (int)Math.Min((ulong)durableLog.Count, from - durableFirst - 1);
            durableLog.RemoveRange(keep, durableLog.Count - keep);
            foreach (var entry in record.Entries)
            {
                if (entry.Index >= from)
                {
                    durableLog.Add(entry);
                }
            }
        }
        var cut = Snapshot!.Index;
        List<Entry> tail = dropEntries ? [] : [.. durableLog.Where(e => e.Index > cut)];
        var collapsed = new List<WalRecord>(2);
        if (!durableHardState.IsEmpty)
        {
            collapsed.Add(new WalRecord([], durableHardState, true));
        }

        if (tail.Count > 0)
        {
            collapsed.Add(new WalRecord(tail, default, false));
        }

        _wal.RemoveRange(0, _synced);
        _wal.InsertRange(0, collapsed);
        _synced = collapsed.Count;
    }

    // Entries covered by the snapshot are skipped; the rest replace the log from their first index, as the core's replay does.
    private void ApplyToView(IReadOnlyList<Entry> entries)
    {
        var from = Math.Max(entries[0].Index, _snapshotIndex + 1);
        if (entries[0].Index == 0 || from > LastIndex + 1)
        {
            throw new InvalidOperationException($"entries from {entries[0].Index} leave a gap after the last index {LastIndex}");
        }

        var position = (int)(from - _snapshotIndex) - 1;
        _log.RemoveRange(position, _log.Count - position);
        foreach (var entry in entries)
        {
            if (entry.Index >= from)
            {
                _log.Add(entry);
            }
        }
    }
}
