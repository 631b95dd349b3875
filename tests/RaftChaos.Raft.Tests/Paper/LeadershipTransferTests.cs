using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Dissertation §3.10: leadership transfer.</summary>
public sealed class LeadershipTransferTests
{
    [Test]
    public void Transfer_UpToDateTransferee_BecomesLeaderOfTheNextTerm()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Assert.That(net[1].TransferLeadership(2), Is.True);
        net.Stabilize();
        Assert.That((net[2].Role, net[2].Term), Is.EqualTo((RaftRole.Leader, 3UL)));
        Assert.That(net.Delivered.Any(m => m.Type == MessageType.TimeoutNow && m.To == 2), Is.True);
    }

    [Test]
    public void Transfer_LaggingTransferee_IsCaughtUpBeforeTimeoutNow()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net.Propose(1, "a");
        net.Recover();
        net.Delivered.Clear();
        net[1].TransferLeadership(3);
        net.Stabilize();
        var timeoutNow = net.Delivered.FindIndex(m => m.Type == MessageType.TimeoutNow);
        var catchUp = net.Delivered.FindIndex(m => m.Type == MessageType.AppendResponse && m.From == 3 && !m.Reject && m.Index == 5);
        Assert.That(catchUp, Is.GreaterThanOrEqualTo(0).And.LessThan(timeoutNow));
        Assert.That(net[3].Role, Is.EqualTo(RaftRole.Leader));
        Assert.That(net.Storage[3].Applied, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Transfer_WhileInProgress_ProposalsAreDropped()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net[1].TransferLeadership(3);
        var result = net[1].Propose(new byte[] { 1 });
        Assert.That((result.Accepted, result.Reason), Is.EqualTo((false, DropReason.TransferInProgress)));
    }

    [Test]
    public void Transfer_ToAnUnreachableNode_IsAbandonedAfterAnElectionTimeout()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net[1].TransferLeadership(3);
        net.TickAll(10);
        Assert.That(net[1].Status().LeadTransferee, Is.EqualTo(0UL));
        Assert.That(net[1].Propose(new byte[] { 1 }).Accepted, Is.True);
    }

    [Test]
    public void Transfer_RequestedOnAFollower_IsForwardedToTheLeader()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Assert.That(net[3].TransferLeadership(2), Is.True);
        net.Stabilize();
        Assert.That(net[2].Role, Is.EqualTo(RaftRole.Leader));
    }
}
