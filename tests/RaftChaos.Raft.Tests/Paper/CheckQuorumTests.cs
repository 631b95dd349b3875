using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Dissertation §6.2 / §9.6: CheckQuorum — leaders step down without a quorum; followers honour a live leader.</summary>
public sealed class CheckQuorumTests
{
    [Test]
    public void CheckQuorum_LeaderHearingFromNoQuorum_StepsDownWithinTwoElectionTimeouts()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(1);
        net.Tick(1, 20);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Follower));
        Assert.That(net[1].Propose(new byte[] { 1 }).Accepted, Is.False);
    }

    [Test]
    public void CheckQuorum_LeaderWithQuorum_StaysLeader()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(3);
        net.TickAll(50);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader));
    }

    [Test]
    public void CheckQuorum_FollowerWithLiveLeader_IgnoresVoteRequests()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, preVote: false));
        net.Campaign(1);
        net[3].Campaign(); // a disruptive candidate of term 3
        net.Stabilize();
        Assert.That(net[2].Term, Is.EqualTo(2UL), "node 2 heard from its leader within the election timeout");
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader));
    }

    [Test]
    public void CheckQuorum_StaleLeader_LearnsTheNewTermFromAFollowerAnswer()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(1);
        var newLeader = TestNetworkElections.ElectAmong(net, 2, 3);
        net.Recover();
        net.Tick(1, 1);
        net.Stabilize();
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Follower));
        Assert.That(net[1].Term, Is.EqualTo(net[newLeader].Term));
    }
}
