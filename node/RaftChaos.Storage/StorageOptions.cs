using RaftChaos.Storage.Wal;

namespace RaftChaos.Storage;

/// <summary>Configuration of a <see cref="DurableStore"/>. Validated once, when the store opens.</summary>
public sealed class StorageOptions
{
    /// <summary>The data directory; <c>wal/</c> and <c>snap/</c> are created inside it. Required.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// A segment is closed and a new one started once a flushed batch brings it to this size.
    /// The limit is soft: one batch never spans two segments. Default 64 MiB.
    /// </summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Zeros written ahead of the log's end in the open segment, so that most fdatasyncs overwrite existing
    /// blocks instead of growing the file (see SegmentWriter). 0 turns preallocation off.
    /// Default 1 MiB: one extra 1 MiB write every ~3,000 small batches. Never more than <see cref="SegmentBytes"/>.
    /// </summary>
    public long PreallocateBytes { get; init; } = 1024 * 1024;

    /// <summary>The preallocation actually used: a segment never gets more zeros than it may hold.</summary>
    internal long EffectivePreallocateBytes => Math.Min(PreallocateBytes, SegmentBytes);

    /// <summary>Largest accepted entry payload (<see cref="StoredEntry.Data"/>). Default 16 MiB.</summary>
    public int MaxEntryBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest batch written with one write and one fsync. A single SaveAsync larger than this throws;
    /// unsynced saves that would together exceed it are synced early. Default 64 MiB, at most 1 GiB.
    /// </summary>
    public int MaxBatchBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Asked before every fdatasync of a WAL frame, for chaos testing: the disk fault in force (a stall, an EIO). Called
    /// on the writer's thread; keep it cheap. Default: null, a healthy disk.
    /// </summary>
    public Func<SyncFault>? SyncFaults { get; init; }

    /// <summary>
    /// A deliberate bug for chaos testing (the node's <c>--unsafe continue-after-fsync-error</c>): after a failed
    /// fdatasync the store goes on as if the frame were durable instead of refusing every later call. The frame is
    /// not on the disk, so a restart recovers the log only up to it, and everything acknowledged since is lost.
    /// Default: false (the store stops, see <see cref="SyncFailedException"/>).
    /// </summary>
    public bool ContinueAfterSyncFailure { get; init; }

    /// <summary>Snapshot files kept on disk (the newest ones). Default 2, at least 1.</summary>
    public int SnapshotsToKeep { get; init; } = 2;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("StorageOptions.Directory must name the data directory.", nameof(Directory));
        }

        if (SegmentBytes < 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, "StorageOptions.SegmentBytes must be at least 4096.");
        }

        if (PreallocateBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PreallocateBytes), PreallocateBytes, "StorageOptions.PreallocateBytes must not be negative (0 turns preallocation off).");
        }
        if (MaxEntryBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntryBytes), MaxEntryBytes, "StorageOptions.MaxEntryBytes must not be negative.");
        }

        if (MaxBatchBytes < 1024 || MaxBatchBytes > WalFormat.MaxFramePayload)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchBytes), MaxBatchBytes, $"StorageOptions.MaxBatchBytes must be between 1024 and {WalFormat.MaxFramePayload}.");
        }

        if (MaxEntryBytes + WalFormat.EntryRecordOverhead > MaxBatchBytes)
        {
            throw new ArgumentException($"StorageOptions.MaxEntryBytes ({MaxEntryBytes}) plus {WalFormat.EntryRecordOverhead} bytes of record overhead must fit in MaxBatchBytes ({MaxBatchBytes}).");
        }

        if (SnapshotsToKeep < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotsToKeep), SnapshotsToKeep, "StorageOptions.SnapshotsToKeep must be at least 1.");
        }
    }
}
