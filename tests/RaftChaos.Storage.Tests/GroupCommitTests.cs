namespace RaftChaos.Storage.Tests;

/// <summary>One batch is one write and one fsync; unsynced saves stay in memory, out of the file, until a sync.</summary>
public sealed class GroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCase(1)]
    [TestCase(16)]
    [TestCase(64)]
    public async Task SaveAsync_OneSyncedBatch_OneWriteOneFsync(int count)
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        (long writes, long syncs) = (store.Statistics.WalWrites, store.Statistics.WalSyncs);

        await store.SaveAsync(new StoredHardState(1, 1, 0), Batches.Make(1, count, 1, size: 256), mustSync: true, None);

        Assert.That(store.Statistics.WalWrites - writes, Is.EqualTo(1));
        Assert.That(store.Statistics.WalSyncs - syncs, Is.EqualTo(1));
        Assert.That(store.Statistics.EntriesAppended, Is.EqualTo(count));
    }

    [Test]
    public async Task SaveAsync_UnsyncedSaves_WrittenTogetherBySync()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync();
        (long writes, long syncs) = (store.Statistics.WalWrites, store.Statistics.WalSyncs);

        for (ulong i = 1; i <= 10; i++)
        {
            await store.SaveAsync(new StoredHardState(1, 1, i - 1), [Batches.Entry(i, 1)], mustSync: false, None);
        }

        Assert.That(store.Statistics.WalWrites - writes, Is.EqualTo(0));
        Assert.That(store.HasUnsyncedData, Is.True);
        await store.SyncAsync(None);
        Assert.That(store.Statistics.WalWrites - writes, Is.EqualTo(1));
        Assert.That(store.Statistics.WalSyncs - syncs, Is.EqualTo(1));
        Assert.That(store.HasUnsyncedData, Is.False);

        await store.SyncAsync(None);
        Assert.That(store.Statistics.WalWrites - writes, Is.EqualTo(1), "nothing pending: no write");
    }

    [Test]
    public async Task SaveAsync_Unsynced_NotInFileAndLostOnCrash()
    {
        using var dir = new TempStoreDirectory();
        DurableStore store = await dir.OpenAsync();
        await store.SaveAsync(new StoredHardState(1, 1, 1), Batches.Make(1, 1, 1), mustSync: true, None);
        string segment = dir.Segments().Single();
        byte[] before = File.ReadAllBytes(segment);

        StoredEntry marked = new(2, 1, 0, System.Text.Encoding.ASCII.GetBytes("UNSYNCED-PAYLOAD-MARKER"));
        await store.SaveAsync(new StoredHardState(1, 1, 2), [marked], mustSync: false, None);

        byte[] after = File.ReadAllBytes(segment);
        Assert.That(after, Is.EqualTo(before), "an unsynced save must not reach the file");

        store.CloseWithoutSync();
        await using DurableStore reopened = await dir.OpenAsync();
        RecoveredState state = await reopened.LoadAsync(None);
        Batches.AssertLog(state.Entries, 1, 1, _ => 1);
        Assert.That(state.HardState.Commit, Is.EqualTo(1UL));
    }

    [Test]
    public async Task SaveAsync_UnsyncedBacklogOverMaxBatchBytes_SyncsEarly()
    {
        using var dir = new TempStoreDirectory();
        var options = new StorageOptions { Directory = dir.Path, MaxBatchBytes = 16 * 1024, MaxEntryBytes = 4 * 1024 };
        await using DurableStore store = await DurableStore.OpenAsync(options, None);
        long writes = store.Statistics.WalWrites;

        for (ulong i = 1; i <= 10; i++)
        {
            await store.SaveAsync(null, [Batches.Entry(i, 1, size: 3000)], mustSync: false, None);
        }

        Assert.That(store.Statistics.WalWrites - writes, Is.EqualTo(1), "the sixth save would pass 16 KiB, so the first five were synced");
    }
}
