using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Simulation.Storage;

/// <summary>
/// A node's simulated disk: an ordered write-ahead log of what Ready batches asked to persist, and how much of it was
/// synced. Writes land in a volatile page cache until <see cref="Sync"/> (a Ready with MustSync) makes everything
/// written so far durable; <see cref="Crash"/> throws the unsynced tail away, as losing power does. So a node that
/// acknowledged what it had not synced (the <c>ack-before-persist</c> bug) really loses it on a crash.
/// </summary>
public sealed class DurableStore
{
    private readonly List<WalRecord> _wal = [];
    // The log as the node currently sees it (synced or not): _log[i] holds index i + 1. The simulator never compacts.
    private readonly List<Entry> _log = [];
    private int _synced;

    /// <summary>The last hard state written (synced or not).</summary>
    public HardState HardState { get; private set; }

    /// <summary>The current log, index i + 1 at position i.</summary>
    public IReadOnlyList<Entry> Log => _log;

    /// <summary>The last index in the current log.</summary>
    public ulong LastIndex => (ulong)_log.Count;

    /// <summary>Records written but not yet synced: what a crash now would lose.</summary>
    public int UnsyncedRecords => _wal.Count - _synced;

    /// <summary>Syncs performed (fsync calls).</summary>
    public long SyncCount { get; private set; }

    /// <summary>The entry at <paramref name="index"/>, or null when the log does not reach it.</summary>
    public Entry? EntryAt(ulong index) => index >= 1 && index <= LastIndex ? _log[(int)index - 1] : null;

    /// <summary>Writes a Ready's entries: they replace any stored entry from <c>entries[0].Index</c> on.</summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0) return;
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

    /// <summary>Power loss: unsynced writes are gone; the view is rebuilt from the durable records.</summary>
    public void Crash()
    {
        _wal.RemoveRange(_synced, _wal.Count - _synced);
        _log.Clear();
        HardState = default;
        foreach (var record in _wal)
        {
            if (record.IsHardState) HardState = record.HardState;
            else ApplyToView(record.Entries);
        }
    }

    /// <summary>What a restarting node reads back: the last durable hard state and the durable entries in write order (a WAL replay).</summary>
    public RecoveredState Recover()
    {
        if (UnsyncedRecords > 0) throw new InvalidOperationException("recover only after a crash: unsynced records are still present");
        var entries = new List<Entry>();
        foreach (var record in _wal)
            if (!record.IsHardState) entries.AddRange(record.Entries);
        return new RecoveredState { HardState = HardState, Entries = entries, Applied = 0 };
    }

    private void ApplyToView(IReadOnlyList<Entry> entries)
    {
        var first = entries[0].Index;
        if (first == 0 || first > LastIndex + 1)
            throw new InvalidOperationException($"entries from {first} leave a gap after the last index {LastIndex}");
        _log.RemoveRange((int)first - 1, _log.Count - ((int)first - 1));
        _log.AddRange(entries);
    }
}
