namespace RaftChaos.Storage;

/// <summary>
/// What a restart sees: the latest durable hard state, the latest snapshot (null if none was ever saved),
/// and the entries after it with every suffix overwrite applied.
/// Invariant: <see cref="Entries"/> is contiguous and starts at <c>SnapshotIndex + 1</c>.
/// </summary>
public sealed record RecoveredState(StoredHardState HardState, StoredSnapshot? Snapshot, IReadOnlyList<StoredEntry> Entries)
{
    /// <summary>Index covered by the snapshot, 0 when there is none.</summary>
    public ulong SnapshotIndex => Snapshot?.Index ?? 0;

    /// <summary>Index of the last entry, or of the snapshot when the log after it is empty.</summary>
    public ulong LastIndex => Entries.Count > 0 ? Entries[^1].Index : SnapshotIndex;
}
