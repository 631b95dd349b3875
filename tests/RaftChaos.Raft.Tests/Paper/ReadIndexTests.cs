using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Dissertation §6.4: linearizable reads with ReadIndex.</summary>
public sealed class ReadIndexTests
{
    private static TestNetwork ClusterWithLeader1()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Propose(1, "v");
        return net;
    }

    [Test]
    public void ReadIndex_Leader_AnswersOnlyAfterAQuorumAcknowledgesAHeartbeatRound()
    {
        var net = ClusterWithLeader1();
        Assert.That(net[1].ReadIndex(7).Accepted, Is.True);
        net.ProcessAll();
        Assert.That(net.ReadStates[1], Is.Empty);
        Assert.That(net.InFlight.Count(m => m.Type == MessageType.Heartbeat), Is.EqualTo(2));
        net.Stabilize();
        Assert.That(net.ReadStates[1], Is.EqualTo(new[] { new ReadOnly.ReadState(5, 7) }));
    }

    [Test]
    public void ReadIndex_NewLeaderThatHasNotCommittedInItsTerm_RefusesReads()
    {
        var node = Drive.ElectedLeader(Drive.Founder(1));
        var result = node.ReadIndex(1);
        Assert.That((result.Accepted, result.Reason), Is.EqualTo((false, DropReason.NotCommittedInTerm)));
    }

    [Test]
    public void ReadIndex_Follower_ForwardsToTheLeaderAndGetsItsCommitIndex()
    {
        var net = ClusterWithLeader1();
        Assert.That(net[3].ReadIndex(42).Accepted, Is.True);
        net.Stabilize();
        Assert.That(net.ReadStates[3], Is.EqualTo(new[] { new ReadOnly.ReadState(5, 42) }));
    }

    [Test]
    public void ReadIndex_IsolatedLeader_NeverAnswers()
    {
        var net = ClusterWithLeader1();
        net.Isolate(1);
        net[1].ReadIndex(1);
        net.TickAll(5);
        Assert.That(net.ReadStates[1], Is.Empty);
    }

    [Test]
    public void ReadIndex_FollowerWithoutLeader_Refuses()
    {
        var net = TestNetwork.Create(3);
        var result = net[2].ReadIndex(1);
        Assert.That((result.Accepted, result.Reason), Is.EqualTo((false, DropReason.NoLeader)));
    }

    [Test]
    public void ReadIndex_SingleVoter_AnswersAtOnce()
    {
        var node = new RaftNode(new RaftOptions { Id = 1, InitialVoters = [1], Random = new Random(1) });
        Drive.Readies(node);
        node.Campaign();
        Drive.Readies(node);
        node.ReadIndex(5);
        var states = Drive.Readies(node).SelectMany(r => r.ReadStates).ToList();
        Assert.That(states, Is.EqualTo(new[] { new ReadOnly.ReadState(2, 5) }));
    }
}
