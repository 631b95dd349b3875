using RaftChaos.Storage.FileSystem;
using RaftChaos.Storage.Snapshots;
using RaftChaos.Storage.Wal;

namespace RaftChaos.Storage;

/// <summary>
/// Reads a data directory back: replays every segment in order, cuts a torn tail off the last one
/// (when repairing), checks that nothing committed is missing, and loads the snapshot the log names.
/// </summary>
internal sealed class StoreRecovery
{
    private StoreRecovery(LogReplay log, List<SegmentName> segments, long lastSegmentLength, TornTail? tornTail)
    {
        Log = log;
        Segments = segments;
        LastSegmentLength = lastSegmentLength;
        TornTail = tornTail;
    }

    public LogReplay Log { get; }

    /// <summary>Segments in sequence order; the last one is where writes continue.</summary>
    public List<SegmentName> Segments { get; }

    /// <summary>Where the last segment's intact frames end: before a torn tail (cut when repairing) or preallocated zeros.</summary>
    public long LastSegmentLength { get; }

    public TornTail? TornTail { get; }

    /// <summary>
    /// Replays the WAL. With <paramref name="repair"/>, a torn tail is truncated and fsynced; without, it is
    /// only reported (a read-only look at what a restart would see).
    /// </summary>
    public static async Task<StoreRecovery> ReplayAsync(StoreLayout layout, bool repair, StorageStatistics statistics, CancellationToken cancellationToken)
    {
        List<SegmentName> segments = SegmentDirectory.List(layout.WalDirectory);
        if (segments.Count == 0)
        {
            // A fresh directory. Snapshots without a WAL mean the WAL was lost (the first segment is always
            // created before any snapshot): starting empty would forget votes and committed entries.
            string? snapshot = Directory.EnumerateFiles(layout.SnapshotDirectory, "*" + SnapshotName.Extension).FirstOrDefault();
            if (snapshot is not null)
            {
                throw new StorageCorruptException(
                    $"Snapshot '{snapshot}' exists but the WAL directory '{layout.WalDirectory}' holds no segments: the log was lost. "
                    + "Restore the WAL, or wipe the whole data directory and re-add the node to the cluster.",
                    snapshot,
                    0);
            }

            return new StoreRecovery(new LogReplay(0), segments, 0, null);
        }

        var log = new LogReplay(segments[0].FirstIndex - 1);
        TornTail? torn = null;
        long lastLength = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            string path = Path.Combine(layout.WalDirectory, segments[i].FileName);
            byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            bool isLast = i == segments.Count - 1;
            torn = SegmentReader.Replay(path, segments[i], bytes, isLast, log, out lastLength);
            if (torn is not null && repair)
            {
                Truncate(path, torn.Offset);
            }
        }

        log.Verify(
            Path.Combine(layout.WalDirectory, segments[0].FileName),
            Path.Combine(layout.WalDirectory, segments[^1].FileName));
        return new StoreRecovery(log, segments, lastLength, torn);
    }

    /// <summary>The recovered state, reading the snapshot file the log names (which must exist and be intact).</summary>
    public async Task<RecoveredState> ToStateAsync(StoreLayout layout, CancellationToken cancellationToken)
    {
        StoredSnapshot? snapshot = null;
        if (Log.SnapshotIndex > 0)
        {
            var name = new SnapshotName(Log.SnapshotIndex, Log.SnapshotTerm);
            string path = Path.Combine(layout.SnapshotDirectory, name.FileName);
            if (!File.Exists(path))
            {
                throw new StorageCorruptException(
                    $"The WAL says snapshot {name.FileName} is durable, but '{path}' does not exist, and the entries it covers are gone from the log. "
                    + "Restore the snapshot file, or wipe the data directory and re-add the node to the cluster.",
                    path,
                    0);
            }

            snapshot = await SnapshotFile.ReadAsync(path, name, cancellationToken).ConfigureAwait(false);
        }

        return new RecoveredState(Log.HardState, snapshot, [.. Log.Entries]);
    }

    /// <summary>Deletes leftovers of interrupted writes: temp files, and snapshots no WAL record names (written, then a crash before the marker).</summary>
    public static List<string> RemoveLeftovers(StoreLayout layout, ulong snapshotIndex, ulong snapshotTerm)
    {
        var removed = new List<string>();
        foreach (string directory in new[] { layout.WalDirectory, layout.SnapshotDirectory })
        {
            foreach (string temp in Directory.EnumerateFiles(directory, "*" + AtomicFile.TempSuffix))
            {
                File.Delete(temp);
                removed.Add(temp);
            }
        }

        foreach (string path in Directory.EnumerateFiles(layout.SnapshotDirectory, "*" + SnapshotName.Extension))
        {
            SnapshotName? name = SnapshotName.TryParse(Path.GetFileName(path));
            bool orphan = name is not null && (name.Index > snapshotIndex || (name.Index == snapshotIndex && name.Term != snapshotTerm));
            if (orphan)
            {
                File.Delete(path);
                removed.Add(path);
            }
        }

        return removed;
    }

    private static void Truncate(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        RandomAccess.SetLength(handle, length);
        RandomAccess.FlushToDisk(handle);
    }
}
