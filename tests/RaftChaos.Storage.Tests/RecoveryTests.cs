namespace RaftChaos.Storage.Tests;

/// <summary>
/// Crash recovery on open: a torn tail is cut (at every cut point and every flipped byte of the last write),
/// while damage with intact data after it, holes and missing files refuse to start with file and offset.
/// </summary>
public sealed class RecoveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Five synced batches of 3 entries; returns the last segment and where the last batch's frame starts.</summary>
    private static async Task<(string Segment, long LastFrameStart, long Length, long SecondFrameStart)> WriteFiveBatchesAsync(TempStoreDirectory dir)
    {
        long lastStart = 0;
        long secondStart = 0;
        await using (DurableStore store = await dir.OpenAsync())
        {
            for (ulong b = 0; b < 5; b++)
            {
                long length = new FileInfo(dir.Segments().Single()).Length;
                (lastStart, secondStart) = (length, b == 1 ? length : secondStart);
                await store.SaveAsync(new StoredHardState(1, 1, b * 3), Batches.Make(b * 3 + 1, 3, 1), mustSync: true, None);
            }
        }

        string segment = dir.Segments().Single();
        return (segment, lastStart, new FileInfo(segment).Length, secondStart);
    }

    private static string Relocate(string path, TempStoreDirectory from, TempStoreDirectory to) =>
        Path.Combine(to.Path, Path.GetRelativePath(from.Path, path));

    [Test]
    public async Task Open_LastWriteCutAtEveryByte_CutsTailAndKeepsEarlierBatches()
    {
        using var template = new TempStoreDirectory();
        (string segment, long start, long length, _) = await WriteFiveBatchesAsync(template);

        for (long cut = start; cut < length; cut++)
        {
            using TempStoreDirectory dir = template.Clone();
            string path = Relocate(segment, template, dir);
            using (FileStream file = File.Open(path, FileMode.Open))
            {
                file.SetLength(cut);
            }

            await using DurableStore store = await dir.OpenAsync();
            RecoveredState state = await store.LoadAsync(None);
            Batches.AssertLog(state.Entries, 1, 12, _ => 1);
            Assert.That(state.HardState.Commit, Is.EqualTo(9UL));
            if (cut == start)
            {
                Assert.That(store.Recovery.TornTail, Is.Null, "a cut at a frame boundary is a clean end");
            }
            else
            {
                Assert.That(store.Recovery.TornTail, Is.EqualTo(new TornTail(path, start, cut - start, store.Recovery.TornTail!.Reason)), $"cut at {cut}");
            }

            Assert.That(new FileInfo(path).Length, Is.EqualTo(start));
            await store.SaveAsync(null, Batches.Make(13, 1, 2), mustSync: true, None);
        }
    }

    [Test]
    public async Task Open_AnyByteOfLastWriteFlipped_CutsTail()
    {
        using var template = new TempStoreDirectory();
        (string segment, long start, long length, _) = await WriteFiveBatchesAsync(template);

        for (long offset = start; offset < length; offset++)
        {
            using TempStoreDirectory dir = template.Clone();
            string path = Relocate(segment, template, dir);
            byte[] bytes = File.ReadAllBytes(path);
            bytes[offset] ^= 0x5A;
            File.WriteAllBytes(path, bytes);

            await using DurableStore store = await dir.OpenAsync();
            Assert.That(store.Recovery.TornTail?.Offset, Is.EqualTo(start), $"flip at {offset}");
            Batches.AssertLog((await store.LoadAsync(None)).Entries, 1, 12, _ => 1);
        }
    }

    [Test]
    public async Task Open_ZeroFilledTail_IsFreeSpaceNotATornTail()
    {
        using var dir = new TempStoreDirectory();
        (string segment, _, long length, _) = await WriteFiveBatchesAsync(dir);
        using (FileStream file = File.Open(segment, FileMode.Append))
        {
            file.Write(new byte[4096]);
        }

        await using (DurableStore store = await dir.OpenAsync())
        {
            Assert.That(store.Recovery.TornTail, Is.Null, "zeros after the last frame are preallocated space, not damage");
            Batches.AssertLog((await store.LoadAsync(None)).Entries, 1, 15, _ => 1);
            await store.SaveAsync(null, Batches.Make(16, 1, 1), mustSync: true, None);
        }

        Assert.That(new FileInfo(segment).Length, Is.EqualTo(length + 4096), "the next frame went into the zeros");
        await using DurableStore reopened = await dir.OpenAsync();
        Assert.That(reopened.Recovery.TornTail, Is.Null);
        Batches.AssertLog((await reopened.LoadAsync(None)).Entries, 1, 16, _ => 1);
    }

    [Test]
    public async Task Open_CorruptMiddleRecord_RefusesWithFileAndOffset()
    {
        using var dir = new TempStoreDirectory();
        (string segment, _, _, long second) = await WriteFiveBatchesAsync(dir);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[second + 40] ^= 0x01;
        File.WriteAllBytes(segment, bytes);

        var ex = await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync());
        Assert.That(ex!.File, Is.EqualTo(segment));
        Assert.That(ex.Offset, Is.EqualTo(second));
        Assert.That(ex.Message, Does.Contain(segment).And.Contain($"byte {second}").And.Contain("intact record follows"));
        Assert.That(ex.Message, Does.Contain("re-add the node"), "says what to do");
        Assert.That(File.ReadAllBytes(segment), Is.EqualTo(bytes), "a refused open changes nothing");
    }

    [Test]
    public async Task Open_DamageAtEndOfNonLastSegment_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(4096))
        {
            await store.SaveAsync(null, Batches.Make(1, 20, 1, size: 256), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(21, 20, 1, size: 256), mustSync: true, None);
        }

        string first = dir.Segments()[0];
        long length = new FileInfo(first).Length;
        using (FileStream file = File.Open(first, FileMode.Open))
        {
            file.SetLength(length - 1);
        }

        var ex = await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync(4096));
        Assert.That(ex!.File, Is.EqualTo(first));
        Assert.That(ex.Message, Does.Contain("not the last one"));
    }

    [Test]
    public async Task Open_MissingSegment_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(4096))
        {
            for (ulong i = 1; i <= 60; i += 20)
            {
                await store.SaveAsync(null, Batches.Make(i, 20, 1, size: 256), mustSync: true, None);
            }
        }

        File.Delete(dir.Segments()[1]);
        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync(4096)))!.Message, Does.Contain("missing"));
    }

    [Test]
    public async Task Open_FirstSegmentMissingWithoutSnapshot_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(4096))
        {
            await store.SaveAsync(null, Batches.Make(1, 20, 1, size: 256), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(21, 20, 1, size: 256), mustSync: true, None);
        }

        File.Delete(dir.Segments()[0]);
        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync(4096)))!.Message, Does.Contain("are missing"));
    }

    [Test]
    public async Task Open_SnapshotFileMissingOrDamaged_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(null, Batches.Make(1, 10, 1), mustSync: true, None);
            await store.CompactAsync(Batches.Snapshot(5, 1), None);
        }

        string snapshot = dir.Snapshots().Single();
        byte[] bytes = File.ReadAllBytes(snapshot);
        bytes[^6] ^= 0xFF;
        File.WriteAllBytes(snapshot, bytes);
        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync()))!.File, Is.EqualTo(snapshot));

        File.Delete(snapshot);
        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync()))!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Open_CommitBeyondLog_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(new StoredHardState(1, 1, 10), Batches.Make(1, 3, 1), mustSync: true, None);
        }

        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync()))!.Message, Does.Contain("committed entries are missing"));
    }

    [Test]
    public async Task Open_LeftoversOfInterruptedWrites_AreRemovedAndReported()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(null, Batches.Make(1, 10, 1), mustSync: true, None);
            await store.CompactAsync(Batches.Snapshot(5, 1), None);
        }

        string orphan = Path.Combine(dir.Snap, "00000000000000000009-00000000000000000001.snap");
        string temp = Path.Combine(dir.Wal, "00000000000000000002-00000000000000000011.seg.tmp");
        File.WriteAllText(orphan, "written, then a crash before its WAL marker");
        File.WriteAllText(temp, "half a segment");

        await using DurableStore reopened = await dir.OpenAsync();
        Assert.That(reopened.Recovery.RemovedFiles, Is.EquivalentTo(new[] { orphan, temp }));
        Assert.That(File.Exists(orphan) || File.Exists(temp), Is.False);
        Assert.That((await reopened.LoadAsync(None)).SnapshotIndex, Is.EqualTo(5UL));
    }

    [Test]
    public async Task Open_SnapshotsWithoutWal_Refuses()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync())
        {
            await store.SaveAsync(null, Batches.Make(1, 10, 1), mustSync: true, None);
            await store.CompactAsync(Batches.Snapshot(5, 1), None);
        }

        Directory.Delete(dir.Wal, recursive: true);
        Assert.That((await Assert.ThrowsAsync<StorageCorruptException>(() => dir.OpenAsync()))!.Message, Does.Contain("the log was lost"));
    }
}
