using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Dissertation §4.1: single-server membership changes.</summary>
public sealed class MembershipTests
{
    private static ProposeResult Change(TestNetwork net, ulong on, MembershipChangeType type, ulong id)
    {
        var result = net[on].ProposeMembershipChange(new MembershipChange(type, id));
        net.Stabilize();
        return result;
    }

    [Test]
    public void Membership_AddedVoter_ReceivesTheLogAndCountsInTheQuorum()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.AddNode(4, []);
        Assert.That(Change(net, 1, MembershipChangeType.AddVoter, 4).Accepted, Is.True);
        Assert.That(net[4].ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3, 4 }));
        // With 4 voters the quorum is 3: with 2 and 3 cut off, nothing commits.
        net.Isolate(2);
        net.Isolate(3);
        var p = net.Propose(1, "x");
        Assert.That(net[1].Status().Commit, Is.LessThan(p.Index));
    }

    [Test]
    public void Membership_SecondChangeWhileTheFirstIsUncommitted_IsDropped()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net[1].ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, 4));
        var second = net[1].ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, 5));
        Assert.That(second.Reason, Is.EqualTo(DropReason.MembershipChangePending));
    }

    [Test]
    public void Membership_NewLeaderBeforeCommittingInItsTerm_RefusesChanges()
    {
        var node = Drive.ElectedLeader(Drive.Founder(1));
        var result = node.ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, 3));
        Assert.That(result.Reason, Is.EqualTo(DropReason.NotCommittedInTerm));
    }

    [TestCase(MembershipChangeType.AddVoter, 2UL)]
    [TestCase(MembershipChangeType.RemoveVoter, 9UL)]
    public void Membership_ChangeThatDoesNotApply_IsDropped(MembershipChangeType type, ulong id)
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Assert.That(Change(net, 1, type, id).Reason, Is.EqualTo(DropReason.InvalidMembershipChange));
    }

    [Test]
    public void Membership_RemovedVoter_NoLongerCountsInTheQuorum()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Change(net, 1, MembershipChangeType.RemoveVoter, 3);
        net.Isolate(3);
        var p = net.Propose(1, "x");
        Assert.That(net[1].Status().Commit, Is.EqualTo(p.Index), "voters (1 2): quorum 2");
    }

    [Test]
    public void Membership_RemovedLeader_StepsDownOnceItsRemovalCommits()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Change(net, 1, MembershipChangeType.RemoveVoter, 1);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Follower));
        Assert.That(net[2].ConfState.Voters, Is.EqualTo(new ulong[] { 2, 3 }));
        var leader = TestNetworkElections.ElectAmong(net, 2, 3);
        Assert.That(net.Propose(leader, "after").Accepted, Is.True);
    }
}
