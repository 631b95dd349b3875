using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Raft paper §5.3: log replication, the log matching property, conflict resolution.</summary>
public sealed class LogReplicationTests
{
    [Test]
    public void LogReplication_CommittedEntries_AreAppliedInOrderOnEveryNode()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        foreach (var cmd in new[] { "a", "b", "c" }) net.Propose(1, cmd);
        net.TickAll(2);
        foreach (var id in net.Nodes.Keys) Assert.That(net.Storage[id].Applied, Is.EqualTo(new[] { "a", "b", "c" }), $"node {id}");
    }

    [Test]
    public void LogReplication_NewLeader_AppendsAnEmptyEntryOfItsTerm()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        var last = net.Storage[1].Entries[^1];
        Assert.That((last.Index, last.Term, last.Type, last.Data.Length), Is.EqualTo((4UL, 2UL, EntryType.Normal, 0)));
        Assert.That(net[1].Status().Commit, Is.EqualTo(4UL));
    }

    [Test]
    public void LogReplication_FollowerRejectsAppend_WhenThePrecedingEntryDoesNotMatch()
    {
        var node = Drive.Founder(2);
        Drive.Readies(node);
        node.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 2, Index = 7, LogTerm = 2, Entries = [new Entry(8, 2, EntryType.Normal, new byte[] { 1 })] });
        var answer = Drive.Messages(node).Single();
        Assert.That(answer.Reject, Is.True);
        Assert.That((answer.RejectHint, answer.LogTerm), Is.EqualTo((3UL, 1UL)), "hint: our last entry, term 1 ≤ 2");
        Assert.That(node.Status().LastIndex, Is.EqualTo(3UL));
    }

    [Test]
    public void LogReplication_FollowerWithConflictingSuffix_IsOverwrittenByTheLeader()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(3);
        net.Partition([3], [1, 2]);
        foreach (var cmd in new[] { "x", "y", "z" }) net.Propose(3, cmd);
        var leader = TestNetworkElections.ElectAmong(net, 1, 2);
        net.Propose(leader, "a");
        net.Recover();
        net.TickAll(3);
        Assert.That(net.Storage[3].Applied, Is.EqualTo(new[] { "a" }));
        Assert.That(net.Storage[3].Entries.Select(e => e.Term), Is.EqualTo(net.Storage[leader].Entries.Select(e => e.Term)));
    }

    [Test]
    public void LogReplication_ConflictBackOff_SkipsAWholeConflictingTermInOneRoundTrip()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(3);
        net.Partition([3], [1, 2]);
        for (var i = 0; i < 25; i++) net[3].Propose(new byte[] { (byte)i }); // a long uncommitted tail of term 2
        net.Stabilize();
        var first = TestNetworkElections.ElectAmong(net, 1, 2);
        for (var i = 0; i < 10; i++) net.Propose(first, "c" + i);
        // A second leader among {1,2}: its Next for node 3 starts past the end of its log, deep inside node 3's tail.
        var second = first == 1UL ? 2UL : 1UL;
        net[first].TransferLeadership(second);
        net.Stabilize();
        Assert.That(net[second].Role, Is.EqualTo(RaftRole.Leader));
        net.Delivered.Clear();
        net.Recover();
        net.TickAll(3);
        var rejections = net.Delivered.Count(m => m.Type == MessageType.AppendResponse && m.From == 3 && m.Reject);
        Assert.That(rejections, Is.LessThanOrEqualTo(2), "one hint skips every term-2 entry");
        Assert.That(net.Storage[3].Entries.Select(e => e.Term), Is.EqualTo(net.Storage[second].Entries.Select(e => e.Term)));
    }

    [Test]
    public void LogReplication_LeaderCountsItsOwnEntry_OnlyOnceItIsPersisted()
    {
        var node = new RaftNode(new RaftOptions { Id = 1, InitialVoters = [1], Random = new Random(1) });
        Drive.Readies(node);
        node.Campaign();
        Drive.Readies(node);
        Assert.That(node.Role, Is.EqualTo(RaftRole.Leader));
        var p = node.Propose(new byte[] { 9 });
        var rd = node.Ready();
        Assert.That(rd.Entries.Select(e => e.Index), Does.Contain(p.Index));
        Assert.That(node.Status().Commit, Is.LessThan(p.Index));
        node.Advance();
        Assert.That(node.Status().Commit, Is.EqualTo(p.Index));
    }
}
