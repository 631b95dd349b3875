using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Dissertation §9.6: PreVote keeps a partitioned server from disrupting the cluster when it rejoins.</summary>
public sealed class PreVoteTests
{
    [Test]
    public void PreVote_PartitionedNode_DoesNotIncreaseItsTerm()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net.Tick(3, 100);
        Assert.That(net[3].Term, Is.EqualTo(2UL));
    }

    [Test]
    public void PreVote_RejoiningNode_DoesNotDisruptTheLeader()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net.Tick(3, 100);
        net.Recover();
        net.TickAll(30);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader));
        Assert.That(net.Nodes.Values.All(n => n.Term == 2), Is.True);
        Assert.That(net[3].Leader, Is.EqualTo(1UL));
    }

    [Test]
    public void PreVote_WithoutPreVote_RejoiningNodeDeposesTheLeader()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, preVote: false, checkQuorum: false));
        net.Campaign(1);
        net.Isolate(3);
        net.Tick(3, 100);
        net.Recover();
        net.TickAll(40);
        Assert.That(net[1].Term, Is.GreaterThan(2UL), "the rejoining node's higher term forces a new election");
    }

    [Test]
    public void PreVote_GrantingAPreVote_ChangesNeitherTermNorVote()
    {
        var node = Drive.Founder(1);
        Drive.Readies(node);
        node.Step(new Message { Type = MessageType.PreVote, From = 2, To = 1, Term = 7, Index = 3, LogTerm = 1 });
        var answer = Drive.Messages(node).Single();
        Assert.That((answer.Type, answer.Reject, answer.Term), Is.EqualTo((MessageType.PreVoteResponse, false, 7UL)));
        Assert.That(node.Term, Is.EqualTo(1UL));
        Assert.That(node.Status().Vote, Is.EqualTo(0UL));
    }
}
