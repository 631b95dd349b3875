namespace RaftChaos.Storage.Wal;

/// <summary>
/// The log as replay rebuilds it, record by record, with Raft's overwrite rule: appending index i drops every
/// entry at or after i. Invariants: <see cref="Entries"/> is contiguous; every entry is above
/// <see cref="SnapshotIndex"/>; <see cref="LastIndex"/> is the last entry's index or, with no entries, the
/// highest index known to be covered (snapshot, or the base of a log whose early segments were deleted).
/// Violations mean the files are not a log this store wrote: <see cref="StorageCorruptException"/>.
/// </summary>
internal sealed class LogReplay
{
    private readonly List<StoredEntry> _entries = [];

    /// <summary>Starts a replay whose first segment was opened when the log ended at <paramref name="baseIndex"/>.</summary>
    public LogReplay(ulong baseIndex)
    {
        BaseIndex = baseIndex;
        LastIndex = baseIndex;
    }

    /// <summary>Entries at or below this index were in segments that a snapshot made obsolete (or there were none).</summary>
    public ulong BaseIndex { get; }

    public StoredHardState HardState { get; private set; } = StoredHardState.Empty;

    public ulong SnapshotIndex { get; private set; }

    public ulong SnapshotTerm { get; private set; }

    public ulong LastIndex { get; private set; }

    public IReadOnlyList<StoredEntry> Entries => _entries;

    public void ApplyHardState(StoredHardState state) => HardState = state;

    public void ApplyEntry(StoredEntry entry, string file, long offset)
    {
        if (entry.Index <= SnapshotIndex)
        {
            throw Corrupt($"entry {entry.Index} is at or below the snapshot index {SnapshotIndex}", file, offset);
        }

        if (entry.Index > LastIndex + 1)
        {
            throw Corrupt($"entry {entry.Index} leaves a gap after index {LastIndex}", file, offset);
        }

        if (_entries.Count > 0 && entry.Index <= _entries[^1].Index)
        {
            int keep = entry.Index <= _entries[0].Index ? 0 : (int)(entry.Index - _entries[0].Index);
            _entries.RemoveRange(keep, _entries.Count - keep);
        }

        _entries.Add(entry);
        LastIndex = entry.Index;
    }

    public void ApplySnapshot(ulong index, ulong term, bool replacesLog, string file, long offset)
    {
        if (index < SnapshotIndex)
        {
            throw Corrupt($"snapshot record at index {index} goes back behind the snapshot at {SnapshotIndex}", file, offset);
        }

        SnapshotIndex = index;
        SnapshotTerm = term;
        if (replacesLog)
        {
            _entries.Clear();
            LastIndex = index;
            return;
        }

        int drop = _entries.FindIndex(e => e.Index > index);
        _entries.RemoveRange(0, drop < 0 ? _entries.Count : drop);
        LastIndex = Math.Max(LastIndex, index);
    }

    /// <summary>
    /// Final checks once every segment is replayed: nothing below the snapshot is missing, and the hard
    /// state's commit index is in the log. A commit beyond the log means committed entries are gone.
    /// </summary>
    public void Verify(string firstSegment, string lastSegment)
    {
        if (SnapshotIndex < BaseIndex)
        {
            throw new StorageCorruptException(
                $"The first WAL segment '{firstSegment}' starts after index {BaseIndex}, but the latest snapshot only covers up to {SnapshotIndex}: "
                + $"segments holding entries {SnapshotIndex + 1}..{BaseIndex} are missing. Restore the missing segment files, "
                + "or wipe the data directory and re-add the node to the cluster.",
                firstSegment,
                0);
        }

        if (_entries.Count > 0 && _entries[0].Index != SnapshotIndex + 1)
        {
            throw Corrupt($"the recovered log starts at {_entries[0].Index}, not right after the snapshot at {SnapshotIndex}", lastSegment, 0);
        }

        if (HardState.Commit > LastIndex)
        {
            throw new StorageCorruptException(
                $"The hard state says entries up to {HardState.Commit} are committed, but the log ends at {LastIndex} (last segment '{lastSegment}'): "
                + "committed entries are missing. Refusing to start rather than forget them; restore the data directory from a backup, "
                + "or wipe it and re-add the node to the cluster.",
                lastSegment,
                0);
        }
    }

    public static StorageCorruptException Corrupt(string problem, string file, long offset) =>
        new(
            $"WAL file '{file}' is corrupt at byte {offset}: {problem}. Refusing to start, since skipping it could drop committed entries. "
            + "Restore the data directory from a backup, or wipe it and re-add the node to the cluster.",
            file,
            offset);
}
