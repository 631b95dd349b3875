using RaftChaos.Raft;
using RaftChaos.Raft.Messages;
using RaftChaos.Storage;
using CoreRecovered = RaftChaos.Raft.RecoveredState;

namespace RaftChaos.Node.Storage;

/// <summary>
/// The node's durable storage seen through the core's types: persists one <see cref="Ready"/> at a time
/// (one write and one fsync per batch when the Ready must be synced) and records the node's own snapshots.
/// </summary>
internal sealed class NodeStorage : IAsyncDisposable
{
    private readonly DurableStore _store;

    private NodeStorage(DurableStore store) => _store = store;

    /// <summary>What opening found and repaired (torn tail, leftovers), for the log.</summary>
    public RecoveryReport Recovery => _store.Recovery;

    /// <summary>fsyncs of the write-ahead log since open.</summary>
    public long Syncs => _store.Statistics.WalSyncs;

    /// <summary>Failed fsyncs the store went on after (only under <c>--unsafe continue-after-fsync-error</c>).</summary>
    public long SyncFailuresIgnored => _store.Statistics.SyncFailuresIgnored;

    /// <summary>
    /// Opens <paramref name="directory"/> and reads back what earlier runs persisted. <paramref name="syncFaults"/> injects
    /// disk faults (chaos testing); <paramref name="continueAfterSyncFailure"/> is the deliberate fsyncgate bug.
    /// Throws <see cref="StorageCorruptException"/> when the log is damaged in a way that could lose committed entries.
    /// </summary>
    public static async Task<(NodeStorage Storage, CoreRecovered Recovered, ulong SnapshotIndex)> OpenAsync(
        string directory, int maxEntryBytes, Func<SyncFault>? syncFaults, bool continueAfterSyncFailure, CancellationToken cancellationToken)
    {
        var store = await DurableStore.OpenAsync(new StorageOptions
        {
            Directory = directory,
            // An entry holds one command: the value, the expected value of a cas, and a little framing.
            MaxEntryBytes = Math.Max(1024 * 1024, 2 * maxEntryBytes + 4096),
            SyncFaults = syncFaults,
            ContinueAfterSyncFailure = continueAfterSyncFailure,
        }, cancellationToken).ConfigureAwait(false);
        var recovered = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        return (new NodeStorage(store), StoredFormat.ToCore(recovered), recovered.SnapshotIndex);
    }

    /// <summary>Persists a Ready's snapshot, entries and hard state; synced when the Ready says so.</summary>
    public Task SaveAsync(Ready ready, CancellationToken cancellationToken)
    {
        if (ready.HardState is null && ready.Entries.Count == 0 && ready.Snapshot is null)
        {
            return Task.CompletedTask;
        }
        var entries = new StoredEntry[ready.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = StoredFormat.ToStored(ready.Entries[i]);
        }
        return _store.SaveAsync(
            ready.HardState is { } hs ? StoredFormat.ToStored(hs) : null,
            entries,
            ready.Snapshot is { } snapshot ? StoredFormat.ToStored(snapshot) : null,
            ready.MustSync,
            cancellationToken);
    }

    /// <summary>Records a snapshot of the state machine and drops the log entries it covers.</summary>
    public Task CompactAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        _store.CompactAsync(StoredFormat.ToStored(snapshot), cancellationToken);

    /// <summary>Syncs what is pending, then closes: a clean stop loses nothing.</summary>
    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
