using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Raft paper §5.4.2 (Figure 8): committing entries from previous terms.</summary>
public sealed class SafetyTests
{
    /// <summary>Node 1 restarts with entry 4 of term 2 (uncommitted) and becomes leader of term 4 (no-op at 5).</summary>
    private static RaftNode LeaderWithOldEntry(UnsafeBug bugs = UnsafeBug.None)
    {
        var node = Drive.Recovered(1, [2], new HardState(3, 0, 3), bugs);
        return Drive.ElectedLeader(node);
    }

    [Test]
    public void Commitment_OldTermEntryOnAMajority_IsNotCommittedByCountingReplicas()
    {
        var node = LeaderWithOldEntry();
        Assert.That((node.Role, node.Term), Is.EqualTo((RaftRole.Leader, 4UL)));
        node.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = 4, Index = 4 });
        Drive.Readies(node);
        Assert.That(node.Status().Commit, Is.EqualTo(3UL), "entry 4 (term 2) is on 2 of 3 nodes but must not commit");
    }

    [Test]
    public void Commitment_CurrentTermEntryOnAMajority_CommitsItAndEveryEarlierEntry()
    {
        var node = LeaderWithOldEntry();
        node.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = 4, Index = 5 });
        var committed = Drive.Readies(node).SelectMany(rd => rd.CommittedEntries).Select(e => (e.Index, e.Term));
        Assert.That(node.Status().Commit, Is.EqualTo(5UL));
        Assert.That(committed, Is.EqualTo(new[] { (4UL, 2UL), (5UL, 4UL) }));
    }

    [Test]
    public void Commitment_Follower_CommitsNoFurtherThanTheEntriesItGotFromTheLeader()
    {
        var node = Drive.Founder(2);
        Drive.Readies(node);
        // The leader's commit index (9) is beyond what this append proves we share with it (4).
        node.Step(new Message
        {
            Type = MessageType.Append, From = 1, To = 2, Term = 2, Index = 3, LogTerm = 1, Commit = 9,
            Entries = [new Entry(4, 2, EntryType.Normal, ReadOnlyMemory<byte>.Empty)],
        });
        Assert.That(node.Status().Commit, Is.EqualTo(4UL));
    }
}
