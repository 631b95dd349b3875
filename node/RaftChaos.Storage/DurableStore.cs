using RaftChaos.Storage.FileSystem;
using RaftChaos.Storage.Snapshots;
using RaftChaos.Storage.Wal;

namespace RaftChaos.Storage;

/// <summary>
/// A Raft node's durable storage: a write-ahead log of entries and hard states in segment files, and
/// snapshot files. Used by one caller at a time (the node loop): per Ready, <see cref="SaveAsync(StoredHardState?, IReadOnlyList{StoredEntry}, StoredSnapshot?, bool, CancellationToken)"/>,
/// then the core's Advance.
/// <para>
/// Durability contract: saved records stay in memory until a batch is flushed, and a flush is one write and
/// one fsync (group commit). Nothing reaches the file unsynced, so a SIGKILL loses exactly the saves since
/// the last sync, like a power cut. Hard state lives in the WAL (not a side file) so that one fsync makes a
/// batch's entries and hard state durable together; every segment starts with a copy of the hard state and
/// snapshot marker, so deleting segments a snapshot covers never loses them.
/// </para>
/// </summary>
public sealed class DurableStore : IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly StoreLayout _layout;
    private readonly WalBatch _pending = new();
    private readonly List<SegmentName> _segments;
    private SegmentWriter _segment;
    private RecoveredState? _recovered;
    private StoredHardState _hardState;
    private ulong _lastIndex;
    private ulong _snapshotIndex;
    private ulong _snapshotTerm;
    private int _busy;
    private Exception? _failure;
    private bool _disposed;

    private DurableStore(StorageOptions options, StoreLayout layout, StoreRecovery recovery, SegmentWriter segment, RecoveredState recovered, RecoveryReport report, StorageStatistics statistics)
    {
        _options = options;
        _layout = layout;
        _segments = recovery.Segments;
        _segment = segment;
        _recovered = recovered;
        _hardState = recovered.HardState;
        _lastIndex = recovered.LastIndex;
        _snapshotIndex = recovered.SnapshotIndex;
        _snapshotTerm = recovered.Snapshot?.Term ?? 0;
        Recovery = report;
        Statistics = statistics;
    }

    /// <summary>What opening found and repaired, for the node to log.</summary>
    public RecoveryReport Recovery { get; }

    /// <summary>I/O counters since open.</summary>
    public StorageStatistics Statistics { get; }

    /// <summary>Index of the last entry saved (synced or not), or of the snapshot if the log after it is empty.</summary>
    public ulong LastIndex => _lastIndex;

    /// <summary>Index covered by the latest snapshot, 0 if none.</summary>
    public ulong SnapshotIndex => _snapshotIndex;

    /// <summary>True while saves wait in memory for the next sync: a crash now would lose them.</summary>
    public bool HasUnsyncedData => !_pending.IsEmpty;

    /// <summary>
    /// Opens (or creates) the store in <see cref="StorageOptions.Directory"/> and recovers it: cuts a torn tail
    /// (see <see cref="Recovery"/>), refuses damage elsewhere with <see cref="StorageCorruptException"/>.
    /// </summary>
    public static async Task<DurableStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layout = new StoreLayout(Path.GetFullPath(options.Directory));
        var statistics = new StorageStatistics();
        Directory.CreateDirectory(layout.WalDirectory);
        Directory.CreateDirectory(layout.SnapshotDirectory);
        DirectorySync.Flush(layout.Root, statistics);

        List<string> removed = StoreRecovery.RemoveLeftovers(layout, ulong.MaxValue, 0);
        StoreRecovery recovery = await StoreRecovery.ReplayAsync(layout, repair: true, statistics, cancellationToken).ConfigureAwait(false);
        LogReplay log = recovery.Log;
        removed.AddRange(StoreRecovery.RemoveLeftovers(layout, log.SnapshotIndex, log.SnapshotTerm));
        RecoveredState state = await recovery.ToStateAsync(layout, cancellationToken).ConfigureAwait(false);

        bool createdNew = recovery.Segments.Count == 0;
        SegmentWriter segment;
        if (createdNew || recovery.LastSegmentLength == 0)
        {
            // No log yet, or a last segment left empty by a cut: start it afresh with a header frame.
            SegmentName name = createdNew
                ? new SegmentName(1, 1)
                : recovery.Segments[^1] with { FirstIndex = log.LastIndex + 1 };
            if (!createdNew)
            {
                File.Delete(Path.Combine(layout.WalDirectory, recovery.Segments[^1].FileName));
                recovery.Segments.RemoveAt(recovery.Segments.Count - 1);
            }

            segment = await SegmentWriter.CreateAsync(layout.WalDirectory, name, log.HardState, log.SnapshotIndex, log.SnapshotTerm, options.EffectivePreallocateBytes, statistics, cancellationToken).ConfigureAwait(false);
            recovery.Segments.Add(name);
        }
        else
        {
            SegmentName last = recovery.Segments[^1];
            segment = SegmentWriter.Open(Path.Combine(layout.WalDirectory, last.FileName), last, recovery.LastSegmentLength, options.EffectivePreallocateBytes);
        }

        var report = new RecoveryReport(recovery.Segments.Count, recovery.TornTail, removed, state.SnapshotIndex, state.LastIndex, createdNew);
        return new DurableStore(options, layout, recovery, segment, state, report, statistics);
    }

    /// <summary>
    /// The durable state. The first call returns what opening recovered; later calls re-read the disk
    /// (what a restart would see now: unsynced saves are not in it).
    /// </summary>
    public async Task<RecoveredState> LoadAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            RecoveredState? recovered = Interlocked.Exchange(ref _recovered, null);
            if (recovered is not null)
            {
                return recovered;
            }

            StoreRecovery replay = await StoreRecovery.ReplayAsync(_layout, repair: false, Statistics, cancellationToken).ConfigureAwait(false);
            return await replay.ToStateAsync(_layout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Saves one Ready's hard state (null = unchanged) and entries; syncs the batch when <paramref name="mustSync"/>.</summary>
    public Task SaveAsync(StoredHardState? hardState, IReadOnlyList<StoredEntry> entries, bool mustSync, CancellationToken cancellationToken) =>
        SaveAsync(hardState, entries, snapshot: null, mustSync, cancellationToken);

    /// <summary>
    /// Saves one Ready: first <paramref name="snapshot"/> if any (installed: the whole log is replaced by it),
    /// then <paramref name="entries"/> (appending index i discards stored entries at and after i), then
    /// <paramref name="hardState"/> (null = unchanged). The batch is written and fsynced now when
    /// <paramref name="mustSync"/> or a snapshot is given; otherwise it waits in memory for the next sync.
    /// Arguments are validated before anything changes.
    /// </summary>
    public async Task SaveAsync(StoredHardState? hardState, IReadOnlyList<StoredEntry> entries, StoredSnapshot? snapshot, bool mustSync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Enter();
        try
        {
            int batchBytes = ValidateSave(hardState, entries, snapshot);
            cancellationToken.ThrowIfCancellationRequested();
            if (_pending.PayloadBytes + batchBytes > _options.MaxBatchBytes)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (snapshot is not null)
            {
                // The file first: a marker must never name a snapshot that is not durable.
                await SnapshotFile.WriteAsync(_layout.SnapshotDirectory, snapshot, Statistics, cancellationToken).ConfigureAwait(false);
                _pending.AddSnapshot(snapshot.Index, snapshot.Term, replacesLog: true);
                (_snapshotIndex, _snapshotTerm, _lastIndex) = (snapshot.Index, snapshot.Term, snapshot.Index);
            }

            foreach (StoredEntry entry in entries)
            {
                _pending.AddEntry(entry);
            }

            if (entries.Count > 0)
            {
                _lastIndex = entries[^1].Index;
                Statistics.OnEntriesAppended(entries.Count);
            }

            if (hardState is not null)
            {
                _pending.AddHardState(hardState);
                _hardState = hardState;
            }

            if (mustSync || snapshot is not null)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (snapshot is not null)
            {
                ReleaseCovered();
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Writes and fsyncs everything saved so far as one batch (no-op when nothing waits).</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Records a snapshot the node took of its own state machine: entries up to its index are dropped, later
    /// ones kept. Writes the snapshot file, then a WAL marker (synced with anything pending), then deletes
    /// segments and snapshot files it made obsolete.
    /// </summary>
    public async Task CompactAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Enter();
        try
        {
            if (snapshot.Index <= _snapshotIndex || snapshot.Index > _lastIndex)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(snapshot),
                    $"Cannot compact to index {snapshot.Index}: it must be above the current snapshot ({_snapshotIndex}) and at most the last index ({_lastIndex}).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            await SnapshotFile.WriteAsync(_layout.SnapshotDirectory, snapshot, Statistics, cancellationToken).ConfigureAwait(false);
            _pending.AddSnapshot(snapshot.Index, snapshot.Term, replacesLog: false);
            (_snapshotIndex, _snapshotTerm) = (snapshot.Index, snapshot.Term);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            ReleaseCovered();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>A clean stop: syncs what is pending (a SIGTERM loses nothing), then closes. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_failure is null)
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _disposed = true;
            _segment.Dispose();
        }
    }

    /// <summary>Test hook: close without syncing, as a SIGKILL would.</summary>
    internal void CloseWithoutSync()
    {
        _disposed = true;
        _segment.Dispose();
    }

    private int ValidateSave(StoredHardState? hardState, IReadOnlyList<StoredEntry> entries, StoredSnapshot? snapshot)
    {
        ulong floor = _snapshotIndex;
        ulong last = _lastIndex;
        long bytes = hardState is null ? 0 : WalFormat.HardStateRecordBytes;
        if (snapshot is not null)
        {
            if (snapshot.Index <= _snapshotIndex)
            {
                throw new ArgumentOutOfRangeException(nameof(snapshot), $"Snapshot at index {snapshot.Index} is not newer than the stored snapshot at {_snapshotIndex}.");
            }

            (floor, last) = (snapshot.Index, snapshot.Index);
            bytes += WalFormat.SnapshotRecordBytes;
        }

        for (int i = 0; i < entries.Count; i++)
        {
            StoredEntry entry = entries[i] ?? throw new ArgumentNullException(nameof(entries), $"Entry {i} of the batch is null.");
            if (i == 0 && (entry.Index <= floor || entry.Index > last + 1))
            {
                throw new ArgumentOutOfRangeException(nameof(entries), $"The batch starts at index {entry.Index}, but must start between {floor + 1} (after the snapshot) and {last + 1} (right after the last entry).");
            }

            if (i > 0 && entry.Index != entries[i - 1].Index + 1)
            {
                throw new ArgumentException($"Entries of a batch must have consecutive indexes: {entries[i - 1].Index} is followed by {entry.Index}.", nameof(entries));
            }

            if (entry.Data.Length > _options.MaxEntryBytes)
            {
                throw new ArgumentException($"Entry {entry.Index} has {entry.Data.Length} bytes of data, over the limit of {_options.MaxEntryBytes} (StorageOptions.MaxEntryBytes).", nameof(entries));
            }

            bytes += WalFormat.EntryRecordOverhead + entry.Data.Length;
        }

        if (bytes > _options.MaxBatchBytes)
        {
            throw new ArgumentException($"The batch encodes to {bytes} bytes, over the limit of {_options.MaxBatchBytes} (StorageOptions.MaxBatchBytes); split it.", nameof(entries));
        }

        return (int)bytes;
    }

    /// <summary>The group commit: all pending records as one frame, one write, one fsync; then roll if the segment is full.</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        try
        {
            try
            {
                _segment.WriteAndSync(_pending.Seal().Span, Statistics, _options.SyncFaults?.Invoke() ?? SyncFault.None);
            }
            catch (SyncFailedException lost) when (_options.ContinueAfterSyncFailure)
            {
                // The deliberate bug: carry on as if the frame were durable (what a retried fsync would report).
                _segment.SkipFailedFrame(lost.FrameBytes);
                Statistics.OnSyncFailureIgnored();
            }
            _pending.Clear();
            if (_segment.Length >= _options.SegmentBytes)
            {
                await RollAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The file may now hold part of a frame: writing on would put good data after damage.
            _failure = failure;
            throw;
        }
    }

    /// <summary>Starts the next segment. Only right after a flush: nothing pending, so the header's hard state is the latest.</summary>
    private async ValueTask RollAsync(CancellationToken cancellationToken)
    {
        SegmentName next = new(_segment.Name.Sequence + 1, _lastIndex + 1);
        SegmentWriter created = await SegmentWriter.CreateAsync(_layout.WalDirectory, next, _hardState, _snapshotIndex, _snapshotTerm, _options.EffectivePreallocateBytes, Statistics, cancellationToken)
            .ConfigureAwait(false);
        _segment.Dispose();
        _segment = created;
        _segments.Add(next);
    }

    /// <summary>
    /// Deletes the segments a durable snapshot made obsolete: all before the last segment opened at or below
    /// snapshot index + 1. Sound because every entry still live in a segment has an index below the first
    /// index of any later segment. Oldest first, so a crash midway leaves a gap-free suffix.
    /// </summary>
    private void ReleaseCovered()
    {
        int keepFrom = _segments.FindLastIndex(s => s.FirstIndex <= _snapshotIndex + 1);
        for (int i = 0; i < keepFrom; i++)
        {
            File.Delete(Path.Combine(_layout.WalDirectory, _segments[0].FileName));
            _segments.RemoveAt(0);
            Statistics.OnSegmentDeleted();
            DirectorySync.Flush(_layout.WalDirectory, Statistics);
        }

        var snapshots = Directory.EnumerateFiles(_layout.SnapshotDirectory, "*" + SnapshotName.Extension)
            .Select(path => (path, name: SnapshotName.TryParse(Path.GetFileName(path))))
            .Where(s => s.name is not null && s.name.Index < _snapshotIndex)
            .OrderByDescending(s => s.name!.Index)
            .Skip(_options.SnapshotsToKeep - 1);
        foreach ((string path, _) in snapshots)
        {
            File.Delete(path);
        }
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new InvalidOperationException("The store failed to write earlier and may hold a partial batch; dispose it and open the directory again to recover.", _failure);
        }

        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("DurableStore serves one caller at a time (the node loop), and another call is still running.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}
