using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Tests.Network;

/// <summary>Driving a lone <see cref="RaftNode"/> by hand: for tests that step crafted messages into one node.</summary>
public static class Drive
{
    /// <summary>A founding member of voters 1..<paramref name="clusterSize"/>.</summary>
    public static RaftNode Founder(ulong id, int clusterSize = 3, UnsafeBug bugs = UnsafeBug.None, bool preVote = true, bool checkQuorum = true) =>
        new(new RaftOptions
        {
            Id = id, InitialVoters = [.. Enumerable.Range(1, clusterSize).Select(i => (ulong)i)], Random = new Random(42),
            UnsafeBugs = bugs, PreVote = preVote, CheckQuorum = checkQuorum,
        });

    /// <summary>A node of voters 1..3 restarted with a log of the bootstrap entries (term 1, indexes 1..3) plus entries of the given terms.</summary>
    public static RaftNode Recovered(ulong id, ulong[] laterTerms, HardState hardState, UnsafeBug bugs = UnsafeBug.None)
    {
        var entries = new List<Entry>();
        for (ulong i = 1; i <= 3; i++)
            entries.Add(new Entry(i, 1, EntryType.MembershipChange, new Membership.MembershipChange(Membership.MembershipChangeType.AddVoter, i).Encode()));
        foreach (var t in laterTerms) entries.Add(new Entry((ulong)entries.Count + 1, t, EntryType.Normal, new byte[] { 1 }));
        return new RaftNode(
            new RaftOptions { Id = id, Random = new Random(42), UnsafeBugs = bugs },
            new RecoveredState { HardState = hardState, Entries = entries, Applied = 3 });
    }

    /// <summary>Takes and advances every Ready; returns them.</summary>
    public static List<Ready> Readies(RaftNode node)
    {
        var list = new List<Ready>();
        while (node.HasReady)
        {
            list.Add(node.Ready());
            node.Advance();
        }
        return list;
    }

    /// <summary>Takes and advances every Ready; returns all messages to send, in order.</summary>
    public static List<Message> Messages(RaftNode node) =>
        [.. Readies(node).SelectMany(rd => rd.Messages.Concat(rd.MessagesAfterPersist))];

    /// <summary>Makes a lone founder (node 1 of 3) leader of term 2 by stepping crafted votes; drains its Readies.</summary>
    public static RaftNode ElectedLeader(RaftNode node)
    {
        node.Campaign();
        Readies(node);
        if (node.Role == RaftRole.PreCandidate)
        {
            node.Step(new Message { Type = MessageType.PreVoteResponse, From = 2, To = node.Id, Term = node.Term + 1 });
            Readies(node);
        }
        node.Step(new Message { Type = MessageType.VoteResponse, From = 2, To = node.Id, Term = node.Term });
        Readies(node);
        return node;
    }
}
