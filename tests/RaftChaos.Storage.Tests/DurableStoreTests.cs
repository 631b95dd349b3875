namespace RaftChaos.Storage.Tests;

/// <summary>The storage contract: what is saved is what a reopen loads, with Raft's overwrite and snapshot rules.</summary>
public sealed class DurableStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Open_EmptyDirectory_CreatesFreshLog()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        RecoveredState state = await store.LoadAsync(None);

        Assert.That(store.Recovery.CreatedNew, Is.True);
        Assert.That(state.HardState, Is.EqualTo(StoredHardState.Empty));
        Assert.That(state.Snapshot, Is.Null);
        Assert.That(state.Entries, Is.Empty);
        Assert.That(dir.Segments().Select(Path.GetFileName), Is.EqualTo(new[] { "00000000000000000001-00000000000000000001.seg" }));
    }

    [Test]
    public async Task Save_ThenReopen_LoadsEntriesAndHardState()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(new StoredHardState(1, 2, 0), Batches.Make(1, 5, 1), mustSync: true, None);
            await store.SaveAsync(new StoredHardState(1, 2, 5), Batches.Make(6, 5, 1), mustSync: true, None);
        }

        await using DurableStore reopened = await dir.OpenAsync();
        RecoveredState state = await reopened.LoadAsync(None);

        Assert.That(reopened.Recovery.CreatedNew, Is.False);
        Assert.That(reopened.Recovery.TornTail, Is.Null);
        Assert.That(state.HardState, Is.EqualTo(new StoredHardState(1, 2, 5)));
        Batches.AssertLog(state.Entries, 1, 10, _ => 1);
        Assert.That(reopened.LastIndex, Is.EqualTo(10UL));
    }

    [Test]
    public async Task Save_EntryBelowLastIndex_OverwritesSuffix()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(null, Batches.Make(1, 10, 1), mustSync: true, None);
            await store.SaveAsync(new StoredHardState(2, 1, 5), Batches.Make(6, 2, 2), mustSync: true, None);
            Assert.That(store.LastIndex, Is.EqualTo(7UL));
        }

        await using DurableStore reopened = await dir.OpenAsync();
        RecoveredState state = await reopened.LoadAsync(None);
        Batches.AssertLog(state.Entries, 1, 7, i => i >= 6 ? 2UL : 1UL);
    }

    [Test]
    public async Task Save_OverwriteOfUnsyncedEntries_AppliesInOrder()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(null, Batches.Make(1, 4, 1), mustSync: false, None);
            await store.SaveAsync(null, Batches.Make(3, 3, 2), mustSync: false, None);
            await store.SaveAsync(null, Batches.Make(2, 1, 3), mustSync: true, None);
        }

        await using DurableStore reopened = await dir.OpenAsync();
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 2, i => i == 2 ? 3UL : 1UL);
    }

    [Test]
    public async Task Save_InvalidBatches_ThrowAndChangeNothing()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        await store.SaveAsync(null, Batches.Make(1, 3, 1), mustSync: true, None);
        long writes = store.Statistics.WalWrites;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(null, Batches.Make(5, 1, 1), true, None), "gap after the last index");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(null, Batches.Make(0, 1, 1), true, None), "index 0");
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(null, [Batches.Entry(4, 1), Batches.Entry(6, 1)], true, None), "not consecutive");
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync(null, null!, true, None));
        var huge = new StoredEntry(4, 1, 0, new byte[16 * 1024 * 1024 + 1]);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(null, [huge], true, None));
        Assert.That(ex!.Message, Does.Contain("MaxEntryBytes"));

        Assert.That(store.LastIndex, Is.EqualTo(3UL));
        Assert.That(store.Statistics.WalWrites, Is.EqualTo(writes));
        Assert.That(store.HasUnsyncedData, Is.False);
    }

    [Test]
    public async Task Save_BatchOverMaxBatchBytes_Throws()
    {
        using var dir = new TempStoreDirectory();
        var options = new StorageOptions { Directory = dir.Path, MaxBatchBytes = 64 * 1024, MaxEntryBytes = 32 * 1024 };
        await using DurableStore store = await DurableStore.OpenAsync(options, None);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(null, Batches.Make(1, 3, 1, size: 30 * 1024), true, None));
        Assert.That(ex!.Message, Does.Contain("MaxBatchBytes"));
    }

    [Test]
    public async Task Open_InvalidOptions_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => DurableStore.OpenAsync(new StorageOptions { Directory = " " }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DurableStore.OpenAsync(new StorageOptions { Directory = "/tmp/x", SegmentBytes = 10 }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DurableStore.OpenAsync(new StorageOptions { Directory = "/tmp/x", SnapshotsToKeep = 0 }, None));
    }

    [Test]
    public async Task Compact_DropsCoveredEntries_KeepsLaterOnes()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(new StoredHardState(1, 1, 10), Batches.Make(1, 10, 1), mustSync: true, None);
            await store.CompactAsync(Batches.Snapshot(6, 1), None);
            Assert.That(store.SnapshotIndex, Is.EqualTo(6UL));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(null, Batches.Make(6, 1, 2), true, None), "at the snapshot");
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(Batches.Snapshot(5, 1), None), "behind the snapshot");
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(Batches.Snapshot(11, 1), None), "past the log");
        }

        await using DurableStore reopened = await dir.OpenAsync();
        RecoveredState state = await reopened.LoadAsync(None);
        Assert.That(state.Snapshot!.Index, Is.EqualTo(6UL));
        Assert.That(state.Snapshot.Data.ToArray(), Is.EqualTo(Batches.Snapshot(6, 1).Data.ToArray()));
        Assert.That(state.Snapshot.ConfState.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(state.HardState.Commit, Is.EqualTo(10UL));
        Batches.AssertLog(state.Entries, 7, 10, _ => 1);
    }

    [Test]
    public async Task Save_WithSnapshot_ReplacesWholeLog()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(new StoredHardState(1, 1, 3), Batches.Make(1, 10, 1), mustSync: true, None);
            await store.SaveAsync(new StoredHardState(3, 2, 20), Batches.Make(21, 2, 3), Batches.Snapshot(20, 3), mustSync: false, None);
            Assert.That(store.HasUnsyncedData, Is.False, "a snapshot forces a sync");
        }

        await using DurableStore reopened = await dir.OpenAsync();
        RecoveredState state = await reopened.LoadAsync(None);
        Assert.That(state.SnapshotIndex, Is.EqualTo(20UL));
        Assert.That(state.HardState, Is.EqualTo(new StoredHardState(3, 2, 20)));
        Batches.AssertLog(state.Entries, 21, 22, _ => 3);
    }

    [Test]
    public async Task Compact_ManyTimes_KeepsNewestSnapshots()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        await store.SaveAsync(null, Batches.Make(1, 10, 1), mustSync: true, None);
        foreach (ulong index in new ulong[] { 2, 4, 6, 8 })
        {
            await store.CompactAsync(Batches.Snapshot(index, 1), None);
        }

        Assert.That(dir.Snapshots().Select(Path.GetFileName), Is.EqualTo(new[]
        {
            "00000000000000000006-00000000000000000001.snap",
            "00000000000000000008-00000000000000000001.snap",
        }));
    }

    [Test]
    public async Task LoadAsync_SecondCall_ReadsWhatIsDurable()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        _ = await store.LoadAsync(None);
        await store.SaveAsync(null, Batches.Make(1, 2, 1), mustSync: true, None);
        await store.SaveAsync(null, Batches.Make(3, 2, 1), mustSync: false, None);

        Batches.AssertLog((await store.LoadAsync(None)).Entries, 1, 2, _ => 1);
        await store.SyncAsync(None);
        Batches.AssertLog((await store.LoadAsync(None)).Entries, 1, 4, _ => 1);
    }

    [Test]
    public async Task DisposeAsync_WithUnsyncedSaves_SyncsThem()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(new StoredHardState(1, 1, 0), Batches.Make(1, 3, 1), mustSync: false, None);
        }

        await using DurableStore reopened = await dir.OpenAsync();
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 3, _ => 1);
    }

    [Test]
    public async Task AfterDispose_CallsThrow()
    {
        using var dir = new TempStoreDirectory();
        DurableStore store = await dir.OpenAsync();
        await store.DisposeAsync();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SyncAsync(None));
    }
}
