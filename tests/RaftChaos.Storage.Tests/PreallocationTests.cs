namespace RaftChaos.Storage.Tests;

/// <summary>
/// The preallocated segment format: zeros written ahead of the log's end, so that fdatasync overwrites blocks
/// that exist. Recovery must read the zeros as free space, still cut a torn last write inside them, and never
/// take zeros followed by frames for anything but damage.
/// </summary>
public class PreallocationTests
{
    private const long Prealloc = 64 * 1024;
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task SmallBatches_LandInPreallocatedZeros_OneSyncEachAndNoGrowth()
    {
        using var dir = new TempStoreDirectory();
        await using DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc);
        long created = new FileInfo(dir.Segments().Single()).Length;
        long syncsBefore = store.Statistics.WalSyncs;

        for (ulong b = 0; b < 20; b++)
        {
            await store.SaveAsync(new StoredHardState(1, 1, b), Batches.Make(b * 3 + 1, 3, 1), mustSync: true, None);
        }

        Assert.That(created, Is.GreaterThan(Prealloc), "a new segment is its header plus the preallocated zeros");
        Assert.That(new FileInfo(dir.Segments().Single()).Length, Is.EqualTo(created), "20 small batches fit in the zeros");
        Assert.That(store.Statistics.WalSyncs - syncsBefore, Is.EqualTo(20));
        Assert.That(store.Statistics.ZeroBytesWritten, Is.EqualTo(Prealloc), "zeros only when the segment was created");
    }

    [Test]
    public async Task Reopen_AfterWritesIntoZeros_RecoversEverything_AndContinuesInPlace()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc))
        {
            await store.SaveAsync(new StoredHardState(2, 1, 5), Batches.Make(1, 10, 2), mustSync: true, None);
        }

        long length = new FileInfo(dir.Segments().Single()).Length;
        await using (DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc))
        {
            Assert.That(store.Recovery.TornTail, Is.Null, "the zeros after the last frame are not a torn tail");
            RecoveredState state = await store.LoadAsync(None);
            Batches.AssertLog(state.Entries, 1, 10, _ => 2);
            Assert.That(state.HardState, Is.EqualTo(new StoredHardState(2, 1, 5)));
            await store.SaveAsync(null, Batches.Make(11, 5, 2), mustSync: true, None);
        }

        Assert.That(new FileInfo(dir.Segments().Single()).Length, Is.EqualTo(length), "the reopened writer wrote into the zeros, not after them");
        await using DurableStore reopened = await dir.OpenAsync(preallocateBytes: Prealloc);
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 15, _ => 2);
    }

    [Test]
    public async Task WritesPastTheZeros_WriteTheNextStretch()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc))
        {
            for (ulong i = 1; i <= 20; i++)
            {
                await store.SaveAsync(null, Batches.Make(i, 1, 1, size: 10_000), mustSync: true, None);
            }

            // 20 frames of ~10 KB: the stretch written with the segment, another at the 7th frame and one at the 14th.
            Assert.That(store.Statistics.ZeroBytesWritten, Is.EqualTo(3 * Prealloc));
        }

        await using DurableStore reopened = await dir.OpenAsync(preallocateBytes: Prealloc);
        Assert.That(reopened.Recovery.TornTail, Is.Null);
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 20, _ => 1, size: 10_000);
    }

    [Test]
    public async Task Open_LastWritePartlyOnDisk_InsideTheZeros_CutsTornTailAndKeepsEarlierBatches()
    {
        using var template = new TempStoreDirectory();
        long start;
        long end;
        await using (DurableStore store = await template.OpenAsync(preallocateBytes: Prealloc))
        {
            await store.SaveAsync(new StoredHardState(1, 1, 3), Batches.Make(1, 6, 1), mustSync: true, None);
            start = store.Statistics.BytesWritten;
            await store.SaveAsync(new StoredHardState(1, 1, 6), Batches.Make(7, 3, 1), mustSync: true, None);
            end = store.Statistics.BytesWritten;
        }

        // A crash wrote only the first k bytes of the last frame: the rest of it is still the preallocated zeros.
        // (Its last few bytes are zeros anyway, the hard state's vote and commit; with only those missing it is whole.)
        byte[] original = File.ReadAllBytes(template.Segments().Single());
        long whole = Array.FindLastIndex(original, (int)end - 1, (int)(end - start), b => b != 0) + 1 - start;
        Assert.That(whole, Is.GreaterThan(end - start - 16), "the frame ends in a few zero bytes at most");
        for (long k = 0; k < whole; k++)
        {
            using TempStoreDirectory dir = template.Clone();
            string path = dir.Segments().Single();
            byte[] bytes = (byte[])original.Clone();
            Array.Clear(bytes, (int)(start + k), (int)(end - start - k));
            File.WriteAllBytes(path, bytes);

            await using DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc);
            Batches.AssertLog((await store.LoadAsync(None)).Entries, 1, 6, _ => 1);
            if (k == 0)
            {
                Assert.That(store.Recovery.TornTail, Is.Null, "nothing of the last write reached the disk: a clean end");
            }
            else
            {
                Assert.That(store.Recovery.TornTail?.Offset, Is.EqualTo(start), $"{k} bytes of the last frame on disk");
            }

            await store.SaveAsync(null, Batches.Make(7, 1, 2), mustSync: true, None);
            await store.DisposeAsync();
            await using DurableStore reopened = await dir.OpenAsync(preallocateBytes: Prealloc);
            Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 7, i => i == 7 ? 2UL : 1UL);
        }
    }

    [Test]
    public async Task Open_ZerosInTheMiddle_WithAFrameAfterThem_IsCorruption()
    {
        using var dir = new TempStoreDirectory();
        long second;
        await using (DurableStore store = await dir.OpenAsync(preallocateBytes: Prealloc))
        {
            await store.SaveAsync(null, Batches.Make(1, 3, 1), mustSync: true, None);
            second = store.Statistics.BytesWritten;
            await store.SaveAsync(null, Batches.Make(4, 3, 1), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(7, 3, 1), mustSync: true, None);
        }

        string path = dir.Segments().Single();
        byte[] bytes = File.ReadAllBytes(path);
        Array.Clear(bytes, (int)second, 40); // the second frame's start zeroed; the third frame is intact after it
        File.WriteAllBytes(path, bytes);

        var error = await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync(preallocateBytes: Prealloc));
        Assert.That(error!.Offset, Is.EqualTo(second));
    }

    [Test]
    public async Task RolledSegments_KeepTheirZeroTails_AndReopenWhole()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(segmentBytes: 8 * 1024, preallocateBytes: Prealloc))
        {
            for (ulong i = 1; i <= 30; i++)
            {
                await store.SaveAsync(new StoredHardState(1, 1, i), Batches.Make(i, 1, 1, size: 1_000), mustSync: true, None);
            }
        }

        Assert.That(dir.Segments(), Has.Length.GreaterThan(2));
        await using DurableStore reopened = await dir.OpenAsync(segmentBytes: 8 * 1024, preallocateBytes: Prealloc);
        Assert.That(reopened.Recovery.TornTail, Is.Null);
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 30, _ => 1, size: 1_000);
    }
}
