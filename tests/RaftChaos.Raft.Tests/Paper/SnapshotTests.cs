using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Raft paper §7: log compaction and InstallSnapshot.</summary>
public sealed class SnapshotTests
{
    private static void CompactAtApplied(TestNetwork net, ulong id)
    {
        var storage = net.Storage[id];
        Assert.That(net[id].Compact(storage.AppliedIndex, storage.SnapshotData()), Is.True);
        storage.Compacted(storage.AppliedIndex, net[id].Snapshot!);
    }

    private static TestNetwork LeaderCompactedPastNode3()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        foreach (var cmd in new[] { "a", "b", "c" }) net.Propose(1, cmd);
        CompactAtApplied(net, 1);
        return net;
    }

    [Test]
    public void Snapshot_FollowerNeedingCompactedEntries_ReceivesAndInstallsASnapshot()
    {
        var net = LeaderCompactedPastNode3();
        net.Recover();
        net.Propose(1, "d");
        net.TickAll(2);
        Assert.That(net.Delivered.Count(m => m.Type == MessageType.Snapshot && m.To == 3), Is.EqualTo(1));
        Assert.That(net.Storage[3].Applied, Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(net[3].Status().FirstIndex, Is.EqualTo(8UL));
    }

    [Test]
    public void Snapshot_LostSnapshotMessage_IsSentAgain()
    {
        var net = LeaderCompactedPastNode3();
        net.Recover();
        net.Ignore(MessageType.Snapshot);
        net.TickAll(3);
        net.Recover();
        net.TickAll(25);
        Assert.That(net.Storage[3].Applied, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Snapshot_Compact_KeepsTheMembershipAsOfItsIndex()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.AddNode(4, []);
        net[1].ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, 4));
        net.Stabilize();
        CompactAtApplied(net, 1);
        Assert.That(net[1].Snapshot!.ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void Snapshot_CompactPastApplied_Throws()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Assert.Throws<InvalidOperationException>(() => net[1].Compact(99, Array.Empty<byte>()));
    }

    [Test]
    public void Snapshot_RestartedFollower_RebuildsFromSnapshotAndLaterEntries()
    {
        var net = LeaderCompactedPastNode3();
        net.Recover();
        net.Propose(1, "d");
        net.TickAll(2);
        net.Restart(3);
        Assert.That(net[3].Status().Commit, Is.EqualTo(8UL));
        net.Stabilize();
        Assert.That(net.Storage[3].Applied, Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(net[3].ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3 }));
    }
}
