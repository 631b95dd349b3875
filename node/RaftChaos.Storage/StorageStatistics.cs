namespace RaftChaos.Storage;

/// <summary>
/// Counters of the I/O a store has done since it was opened. Written by the one writer, readable from
/// any thread; used by tests (one batch = one write + one fsync) and by benchmarks.
/// </summary>
public sealed class StorageStatistics
{
    private long _walWrites;
    private long _walSyncs;
    private long _directorySyncs;
    private long _bytesWritten;
    private long _entriesAppended;
    private long _segmentsCreated;
    private long _segmentsDeleted;
    private long _zeroBytesWritten;
    private long _syncFailuresIgnored;

    /// <summary>Write calls to WAL segment files (one per flushed batch).</summary>
    public long WalWrites => Interlocked.Read(ref _walWrites);

    /// <summary>fsyncs of WAL segment files (one per flushed batch, plus one per new segment).</summary>
    public long WalSyncs => Interlocked.Read(ref _walSyncs);

    /// <summary>fsyncs of directories (after renames and deletions).</summary>
    public long DirectorySyncs => Interlocked.Read(ref _directorySyncs);

    /// <summary>Zeros written ahead of the log's end (preallocation), not counted in <see cref="BytesWritten"/>.</summary>
    public long ZeroBytesWritten => Interlocked.Read(ref _zeroBytesWritten);

    /// <summary>Bytes of frames written to WAL segment files.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Entries accepted by SaveAsync (synced or not).</summary>
    public long EntriesAppended => Interlocked.Read(ref _entriesAppended);

    /// <summary>Segment files created (including the first).</summary>
    public long SegmentsCreated => Interlocked.Read(ref _segmentsCreated);

    /// <summary>Segment files deleted because a snapshot covered them.</summary>
    public long SegmentsDeleted => Interlocked.Read(ref _segmentsDeleted);

    /// <summary>Failed fdatasyncs the store went on after (only under <see cref="StorageOptions.ContinueAfterSyncFailure"/>).</summary>
    public long SyncFailuresIgnored => Interlocked.Read(ref _syncFailuresIgnored);

    internal void OnSyncFailureIgnored() => Interlocked.Increment(ref _syncFailuresIgnored);

    internal void OnWalWrite(long bytes)
    {
        Interlocked.Increment(ref _walWrites);
        Interlocked.Add(ref _bytesWritten, bytes);
    }

    internal void OnWalPreallocated(long bytes) => Interlocked.Add(ref _zeroBytesWritten, bytes);

    internal void OnWalSync() => Interlocked.Increment(ref _walSyncs);

    internal void OnDirectorySync() => Interlocked.Increment(ref _directorySyncs);

    internal void OnEntriesAppended(int count) => Interlocked.Add(ref _entriesAppended, count);

    internal void OnSegmentCreated() => Interlocked.Increment(ref _segmentsCreated);

    internal void OnSegmentDeleted() => Interlocked.Increment(ref _segmentsDeleted);
}
