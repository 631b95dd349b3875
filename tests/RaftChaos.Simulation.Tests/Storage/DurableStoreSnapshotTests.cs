using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Tests.Storage;

/// <summary>The snapshot path of the store model: local compaction, a leader's snapshot, and what survives a crash.</summary>
public sealed class DurableStoreSnapshotTests
{
    private static Entry E(ulong index, ulong term) => new(index, term, EntryType.Normal, new byte[] { (byte)index, (byte)term });

    private static Snapshot S(ulong index, ulong term) => new(index, term, new ConfState([1, 2, 3]), new byte[] { 42, (byte)index });

    private static ulong[] Indices(DurableStore store) => [.. store.Log.Select(e => e.Index)];

    [Test]
    public void SaveSnapshot_DropsEntriesUpToIt_AndKeepsTheTail()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1), E(3, 1), E(4, 1), E(5, 1)]);
        store.Sync();

        store.SaveSnapshot(S(3, 1));

        Assert.That(store.FirstIndex, Is.EqualTo(4));
        Assert.That(store.LastIndex, Is.EqualTo(5));
        Assert.That(Indices(store), Is.EqualTo(new ulong[] { 4, 5 }));
        Assert.That(store.EntryAt(3), Is.Null, "compacted");
    }

    [Test]
    public void Crash_AfterSaveSnapshot_RestartsFromSnapshotPlusSyncedTail()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1), E(3, 1), E(4, 1)]);
        store.SetHardState(new HardState(1, 1, 3));
        store.Sync();
        store.Append([E(5, 1), E(6, 1)]);
        store.SaveSnapshot(S(3, 1));

        store.Crash();

        var recovered = store.Recover();
        Assert.That((recovered.Snapshot!.Index, recovered.Snapshot.Term), Is.EqualTo((3UL, 1UL)));
        Assert.That(recovered.Applied, Is.EqualTo(3), "the state machine restarts from the snapshot");
        Assert.That(recovered.Entries.Select(e => e.Index), Is.EqualTo(new ulong[] { 4 }), "the unsynced 5 and 6 are lost");
        Assert.That(recovered.HardState, Is.EqualTo(new HardState(1, 1, 3)));
    }

    [Test]
    public void Crash_SnapshotPastTheSyncedLog_KeepsTheSnapshotAlone()
    {
        // Entries applied before they were synced (ack-before-persist, or a leader's own tail) may be covered by a snapshot.
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1)]);
        store.Sync();
        store.Append([E(3, 1), E(4, 1), E(5, 1)]);
        store.SaveSnapshot(S(4, 1));

        store.Crash();

        Assert.That(store.FirstIndex, Is.EqualTo(5));
        Assert.That(store.LastIndex, Is.EqualTo(4));
        Assert.That(store.Recover().Entries, Is.Empty);
    }

    [Test]
    public void Sync_AfterSaveSnapshot_MakesTheOlderUnsyncedTailDurable()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1), E(3, 1)]);
        store.Sync();
        store.Append([E(4, 1), E(5, 1), E(6, 1)]);
        store.SaveSnapshot(S(2, 1));
        store.Sync();

        store.Crash();

        Assert.That(Indices(store), Is.EqualTo(new ulong[] { 3, 4, 5, 6 }));
    }

    [Test]
    public void InstallSnapshot_ReplacesTheWholeLog_DurablyAtOnce()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1), E(3, 1)]);
        store.SetHardState(new HardState(2, 2, 1));
        store.Sync();
        store.Append([E(4, 1)]);

        store.InstallSnapshot(S(10, 2));
        store.Append([E(11, 2)]);
        store.Crash();

        Assert.That(store.Snapshot!.Index, Is.EqualTo(10), "a snapshot is durable once written");
        Assert.That(store.FirstIndex, Is.EqualTo(11));
        Assert.That(store.Log, Is.Empty, "the old entries are gone and 11 was never synced");
        Assert.That(store.HardState, Is.EqualTo(new HardState(2, 2, 1)));
        Assert.That(store.Recover().Applied, Is.EqualTo(10));
    }

    [Test]
    public void InstallSnapshot_ThenSyncedEntries_SurviveACrash()
    {
        var store = new DurableStore();
        store.Append([E(1, 1)]);
        store.Sync();
        store.InstallSnapshot(S(5, 3));
        store.Append([E(6, 3), E(7, 3)]);
        store.Sync();

        store.Crash();

        Assert.That(Indices(store), Is.EqualTo(new ulong[] { 6, 7 }));
        Assert.That(store.IsEmpty, Is.False);
    }

    [Test]
    public void SaveSnapshot_NotPastTheStoredOne_Throws()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1)]);
        store.SaveSnapshot(S(2, 1));

        Assert.Throws<InvalidOperationException>(() => store.SaveSnapshot(S(1, 1)));
    }
}
