using System.Diagnostics;

namespace RaftChaos.Storage.Tests;

/// <summary>
/// Injected disk faults at the WAL's fdatasync (<see cref="StorageOptions.SyncFaults"/>): a failed sync loses its frame
/// on the disk and stops the store; the deliberate bug goes on, and a restart then lacks what it acknowledged.
/// </summary>
public sealed class SyncFaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Save_SyncFails_ThrowsStopsAndReopenHasOnlyTheSyncedBatches()
    {
        using var dir = new TempStoreDirectory();
        var fault = SyncFault.None;
        var store = await DurableStore.OpenAsync(new StorageOptions { Directory = dir.Path, PreallocateBytes = 0, SyncFaults = () => fault }, None);
        await store.SaveAsync(new StoredHardState(1, 1, 3), Batches.Make(1, 3, 1), mustSync: true, None);

        fault = new SyncFault(TimeSpan.Zero, Fail: true);
        var failure = await Assert.ThrowsAsync<SyncFailedException>(() => store.SaveAsync(new StoredHardState(2, 2, 5), Batches.Make(4, 2, 2), mustSync: true, None));
        Assert.That(failure!.HResult, Is.EqualTo(SyncFailedException.Eio));
        Assert.That(failure.Message, Does.Contain("EIO").And.Contain("fsync-error"));

        // No second try: the pages may be gone, so a later sync proves nothing.
        fault = SyncFault.None;
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync(null, Batches.Make(4, 1, 2), mustSync: true, None));
        await store.DisposeAsync();

        await using var reopened = await dir.OpenAsync();
        var state = await reopened.LoadAsync(None);
        Assert.That(reopened.Recovery.TornTail, Is.Null, "the lost frame reads as zeros: the end of the log, not damage");
        Assert.That(state.HardState, Is.EqualTo(new StoredHardState(1, 1, 3)));
        Batches.AssertLog(state.Entries, 1, 3, _ => 1);
    }

    [Test]
    public async Task Save_SyncFailsUnderContinueBug_GoesOnButReopenLosesEverythingFromTheFailedFrame()
    {
        using var dir = new TempStoreDirectory();
        var fault = SyncFault.None;
        var store = await DurableStore.OpenAsync(new StorageOptions { Directory = dir.Path, PreallocateBytes = 0, SyncFaults = () => fault, ContinueAfterSyncFailure = true }, None);
        await store.SaveAsync(new StoredHardState(1, 1, 3), Batches.Make(1, 3, 1), mustSync: true, None);

        fault = new SyncFault(TimeSpan.Zero, Fail: true);
        await store.SaveAsync(new StoredHardState(2, 2, 5), Batches.Make(4, 2, 2), mustSync: true, None);
        await store.SaveAsync(null, Batches.Make(6, 2, 2), mustSync: true, None);

        Assert.That(store.Statistics.SyncFailuresIgnored, Is.EqualTo(2));
        Assert.That(store.LastIndex, Is.EqualTo(7UL), "the buggy store believes entries 4-7 are durable");
        store.CloseWithoutSync();

        await using var reopened = await dir.OpenAsync();
        var state = await reopened.LoadAsync(None);
        Assert.That(state.HardState, Is.EqualTo(new StoredHardState(1, 1, 3)), "the vote and term of the failed frames are gone too");
        Batches.AssertLog(state.Entries, 1, 3, _ => 1);
    }

    [Test]
    public async Task Save_SyncDelayed_StallsTheSaveByTheDelay()
    {
        using var dir = new TempStoreDirectory();
        var delay = TimeSpan.FromMilliseconds(80);
        await using var store = await DurableStore.OpenAsync(new StorageOptions { Directory = dir.Path, SyncFaults = () => new SyncFault(delay, Fail: false) }, None);

        var clock = Stopwatch.StartNew();
        await store.SaveAsync(null, Batches.Make(1, 1, 1), mustSync: true, None);

        // A lower bound only: the stall is the fault's effect; how fast a healthy sync is belongs to the storage bench.
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(delay));
        Assert.That(store.Statistics.WalSyncs, Is.GreaterThanOrEqualTo(2), "the delayed sync still happened");
    }
}
