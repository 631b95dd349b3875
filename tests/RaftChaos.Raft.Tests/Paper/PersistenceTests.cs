using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Figure 2's persistent state and the Ready contract: what must be durable before what is sent.</summary>
public sealed class PersistenceTests
{
    [Test]
    public void Persistence_NewFounders_BootstrapIdenticalCommittedLogs()
    {
        var net = TestNetwork.Create(3);
        var logs = net.Storage.Values.Select(s => string.Join(' ', s.Entries)).Distinct().ToList();
        Assert.That(logs, Has.Count.EqualTo(1));
        Assert.That(net[1].Status().Commit, Is.EqualTo(3UL));
    }

    [Test]
    public void Persistence_RestartedNode_KeepsTermVoteAndLog()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Propose(1, "a");
        net.Restart(2);
        var st = net[2].Status();
        Assert.That((st.Term, st.Vote, st.LastIndex, st.Commit), Is.EqualTo((2UL, 1UL, 5UL, 5UL)));
        Assert.That(net[2].ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3 }));
    }

    [Test]
    public void Persistence_WriteAheadLogWithOverwrittenEntries_IsReplayedWithTruncation()
    {
        Entry E(ulong i, ulong t) => new(i, t, EntryType.Normal, ReadOnlyMemory<byte>.Empty);
        var node = new RaftNode(new RaftOptions { Id = 1, Random = new Random(1) }, new RecoveredState
        {
            HardState = new HardState(3, 0, 1),
            Entries = [E(1, 1), E(2, 1), E(3, 1), E(2, 2), E(3, 3)],
        });
        var st = node.Status();
        Assert.That(st.LastIndex, Is.EqualTo(3UL));
        node.Step(new Message { Type = MessageType.Append, From = 2, To = 1, Term = 3, Index = 3, LogTerm = 3 });
        Assert.That(Drive.Messages(node).Single().Reject, Is.False, "entry 3 has term 3 after replay");
    }

    [Test]
    public void Persistence_FollowerAcknowledgement_WaitsForPersistenceAndAsksForSync()
    {
        var node = Drive.Founder(2);
        Drive.Readies(node);
        node.Step(new Message
        {
            Type = MessageType.Append, From = 1, To = 2, Term = 2, Index = 3, LogTerm = 1,
            Entries = [new Entry(4, 2, EntryType.Normal, ReadOnlyMemory<byte>.Empty)],
        });
        var rd = node.Ready();
        Assert.That(rd.Entries, Has.Count.EqualTo(1));
        Assert.That(rd.MustSync, Is.True);
        Assert.That(rd.Messages, Is.Empty);
        Assert.That(rd.MessagesAfterPersist.Single().Type, Is.EqualTo(MessageType.AppendResponse));
    }

    [Test]
    public void Persistence_LeaderAppends_MaySendBeforePersisting()
    {
        var node = Drive.ElectedLeader(Drive.Founder(1));
        node.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = 2, Index = 4 });
        Drive.Readies(node);
        node.Propose(new byte[] { 1 });
        var rd = node.Ready();
        Assert.That(rd.Messages.Any(m => m.Type == MessageType.Append && m.To == 2 && m.Entries.Count == 1), Is.True);
    }

    [Test]
    public void Persistence_ReadyBeforeAdvance_Throws()
    {
        var node = Drive.Founder(1);
        node.Ready();
        Assert.That(node.HasReady, Is.False);
        Assert.Throws<InvalidOperationException>(() => node.Ready());
    }
}
