using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;
using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Flow control: probe/replicate states, the inflight window, the size of one append.</summary>
public sealed class FlowControlTests
{
    [Test]
    public void FlowControl_ReplicatingFollower_GetsAtMostMaxInflightUnacknowledgedAppends()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, maxInflight: 3));
        net.Campaign(1);
        net.Ignore(MessageType.AppendResponse);
        for (var i = 0; i < 10; i++) net[1].Propose(new byte[] { (byte)i });
        net.Stabilize();
        var appendsTo2 = net.Delivered.Count(m => m.Type == MessageType.Append && m.To == 2 && m.Entries.Count > 0 && m.Entries[0].Index > 4);
        Assert.That(appendsTo2, Is.EqualTo(3));
        Assert.That(net[1].Status().Progress[2].Inflight, Is.EqualTo(3));
    }

    [Test]
    public void FlowControl_FullWindow_ReopensWhenAcknowledged()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, maxInflight: 2));
        net.Campaign(1);
        net.Ignore(MessageType.AppendResponse);
        for (var i = 0; i < 6; i++) net[1].Propose(new byte[] { (byte)i });
        net.Stabilize();
        net.Recover();
        net.TickAll(3);
        var pr = net[1].Status().Progress[2];
        Assert.That((pr.Match, pr.State, pr.Inflight), Is.EqualTo((net[1].Status().LastIndex, ProgressState.Replicate, 0)));
    }

    [Test]
    public void FlowControl_MaxSizePerMessage_SplitsEntriesAcrossAppends()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, maxSize: 10));
        net.Campaign(1);
        net.Isolate(2);
        for (var i = 0; i < 6; i++) net[1].Propose(new byte[6]);
        net.Stabilize();
        net.Delivered.Clear();
        net.Recover();
        net.TickAll(2);
        var appends = net.Delivered.Where(m => m.Type == MessageType.Append && m.To == 2 && m.Entries.Count > 0).ToList();
        Assert.That(appends.All(m => m.Entries.Count == 1), Is.True, "6-byte entries, 10-byte limit: one per append");
        Assert.That(net[2].Status().Commit, Is.EqualTo(net[1].Status().Commit));
    }

    [Test]
    public void FlowControl_ProbingFollower_GetsOneAppendUntilItAnswers()
    {
        var node = Drive.ElectedLeader(Drive.Founder(1));
        Assert.That(node.Status().Progress[3].State, Is.EqualTo(ProgressState.Probe));
        node.Propose(new byte[] { 1 });
        node.Propose(new byte[] { 2 });
        var appendsTo3 = Drive.Messages(node).Count(m => m.Type == MessageType.Append && m.To == 3);
        Assert.That(appendsTo3, Is.EqualTo(0), "the election's probe to 3 is still unanswered");
    }
}
