namespace RaftChaos.Storage;

/// <summary>
/// Where things live inside the data directory:
/// <code>
/// DIR/wal/{sequence:D20}-{firstIndex:D20}.seg   write-ahead log segments (entries, hard state, snapshot markers)
/// DIR/snap/{index:D20}-{term:D20}.snap          snapshot files, the newest SnapshotsToKeep of them
/// </code>
/// </summary>
internal sealed record StoreLayout(string Root)
{
    public string WalDirectory => Path.Combine(Root, "wal");

    public string SnapshotDirectory => Path.Combine(Root, "snap");
}
