namespace RaftChaos.Storage.Tests;

/// <summary>Segments roll at the size limit, and a snapshot deletes the ones it covers without losing state.</summary>
public sealed class SegmentTests
{
    private const long Small = 4096;
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task SaveAsync_PastSegmentBytes_RollsAndReopensWhole()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(Small))
        {
            for (ulong i = 1; i <= 100; i += 4)
            {
                await store.SaveAsync(new StoredHardState(1, 1, i), Batches.Make(i, 4, 1, size: 256), mustSync: true, None);
            }

            Assert.That(store.Statistics.SegmentsCreated, Is.GreaterThan(4));
        }

        string[] segments = dir.Segments();
        Assert.That(segments, Has.Length.GreaterThan(4));
        Assert.That(segments.Take(segments.Length - 1).Select(s => new FileInfo(s).Length), Has.All.GreaterThanOrEqualTo(Small));

        await using DurableStore reopened = await dir.OpenAsync(Small);
        RecoveredState state = await reopened.LoadAsync(None);
        Batches.AssertLog(state.Entries, 1, 100, _ => 1, size: 256);
        Assert.That(state.HardState.Commit, Is.EqualTo(97UL));
    }

    [Test]
    public async Task CompactAsync_DeletesCoveredSegments_KeepsHardStateAndLaterEntries()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(Small))
        {
            await store.SaveAsync(new StoredHardState(4, 2, 0), [], mustSync: true, None);
            for (ulong i = 1; i <= 100; i += 4)
            {
                await store.SaveAsync(null, Batches.Make(i, 4, 4, size: 256), mustSync: true, None);
            }

            int before = dir.Segments().Length;
            await store.CompactAsync(Batches.Snapshot(90, 4), None);
            Assert.That(dir.Segments().Length, Is.LessThan(before));
            Assert.That(store.Statistics.SegmentsDeleted, Is.EqualTo(before - dir.Segments().Length));
        }

        Assert.That(dir.Segments().Select(Path.GetFileName).First(), Does.Not.StartWith("00000000000000000001-"));
        await using DurableStore reopened = await dir.OpenAsync(Small);
        RecoveredState state = await reopened.LoadAsync(None);
        Assert.That(state.HardState, Is.EqualTo(new StoredHardState(4, 2, 0)), "the hard state lived in a deleted segment; the segment headers carry it");
        Assert.That(state.SnapshotIndex, Is.EqualTo(90UL));
        Batches.AssertLog(state.Entries, 91, 100, _ => 4, size: 256);
    }

    [Test]
    public async Task OverwriteAcrossSegments_ThenCompact_RecoversNewTerms()
    {
        using var dir = new TempStoreDirectory();
        await using (DurableStore store = await dir.OpenAsync(Small))
        {
            await store.SaveAsync(null, Batches.Make(1, 60, 1, size: 256), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(61, 20, 1, size: 256), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(61, 20, 1, size: 256), mustSync: true, None);

            // A new leader truncates back into an earlier segment; the next segment opens below the previous one.
            await store.SaveAsync(null, Batches.Make(30, 20, 2, size: 256), mustSync: true, None);
            await store.SaveAsync(null, Batches.Make(50, 20, 2, size: 256), mustSync: true, None);
            int before = dir.Segments().Length;
            await store.CompactAsync(Batches.Snapshot(60, 2), None);
            Assert.That(dir.Segments().Length, Is.LessThan(before));
        }

        await using DurableStore reopened = await dir.OpenAsync(Small);
        RecoveredState state = await reopened.LoadAsync(None);
        Batches.AssertLog(state.Entries, 61, 69, _ => 2, size: 256);
    }
}
