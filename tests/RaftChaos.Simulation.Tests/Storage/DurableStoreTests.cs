using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Tests.Storage;

public sealed class DurableStoreTests
{
    private static Entry E(ulong index, ulong term) => new(index, term, EntryType.Normal, new byte[] { (byte)index, (byte)term });

    [Test]
    public void Crash_UnsyncedEntriesAndHardState_AreLost()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1)]);
        store.SetHardState(new HardState(1, 1, 1));
        store.Sync();
        store.Append([E(3, 2)]);
        store.SetHardState(new HardState(2, 2, 3));

        store.Crash();

        Assert.That(store.LastIndex, Is.EqualTo(2));
        Assert.That(store.HardState, Is.EqualTo(new HardState(1, 1, 1)));
        var recovered = store.Recover();
        Assert.That(recovered.Entries.Select(e => e.Index), Is.EqualTo(new ulong[] { 1, 2 }));
        Assert.That(recovered.HardState, Is.EqualTo(new HardState(1, 1, 1)));
    }

    [Test]
    public void Crash_AfterSync_KeepsEverything()
    {
        var store = new DurableStore();
        store.Append([E(1, 1)]);
        store.SetHardState(new HardState(1, 0, 1));
        store.Sync();

        store.Crash();

        Assert.That(store.LastIndex, Is.EqualTo(1));
        Assert.That(store.HardState.Term, Is.EqualTo(1));
        Assert.That(store.UnsyncedRecords, Is.Zero);
    }

    [Test]
    public void Append_OverlappingEntries_ReplaceTheSuffix_AndRecoverReturnsTheDurableLog()
    {
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1), E(3, 1)]);
        store.Append([E(2, 2)]);
        store.Sync();
        store.Crash();

        Assert.That(store.Log.Select(e => (e.Index, e.Term)), Is.EqualTo(new[] { (1UL, 1UL), (2UL, 2UL) }));
        Assert.That(store.Recover().Entries.Select(e => (e.Index, e.Term)), Is.EqualTo(new[] { (1UL, 1UL), (2UL, 2UL) }));
    }

    [Test]
    public void Append_Gap_Throws()
    {
        var store = new DurableStore();
        store.Append([E(1, 1)]);

        Assert.Throws<InvalidOperationException>(() => store.Append([E(3, 1)]));
    }

    [Test]
    public void Crash_TruncationNotSynced_BringsBackTheOldSuffix()
    {
        // A follower that overwrote entries without syncing finds the old ones again after power loss.
        var store = new DurableStore();
        store.Append([E(1, 1), E(2, 1)]);
        store.Sync();
        store.Append([E(2, 3)]);

        store.Crash();

        Assert.That(store.EntryAt(2)!.Term, Is.EqualTo(1));
    }
}
