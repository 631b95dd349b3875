using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>
/// How followers learn a new commit index: by an append sent the moment it moves (the default), or, with
/// <see cref="RaftOptions.LazyCommitBroadcast"/>, on the next append or heartbeat, except for a term's first commit.
/// </summary>
public class CommitBroadcastTests
{
    [Test]
    public void Default_EveryNewCommitIndex_IsSentToEveryFollowerAtOnce()
    {
        var leader = Drive.ElectedLeader(Leader(lazy: false));
        var noop = AckLast(leader);
        Assert.That(CommitAppends(Drive.Messages(leader)), Does.Contain((2UL, noop)));

        leader.Propose(new byte[] { 7 });
        Drive.Readies(leader);
        var write = AckLast(leader);

        Assert.That(CommitAppends(Drive.Messages(leader)), Does.Contain((2UL, write)), "an empty append, only to carry the commit index");
    }

    [Test]
    public void Lazy_TheTermsFirstCommit_IsStillSentAtOnce()
    {
        var leader = Drive.ElectedLeader(Leader(lazy: true));
        var noop = AckLast(leader);

        Assert.That(CommitAppends(Drive.Messages(leader)), Does.Contain((2UL, noop)),
            "followers learn at once that the new term's log is settled");
    }

    [Test]
    public void Lazy_LaterCommits_WaitForTheNextHeartbeat()
    {
        var leader = Drive.ElectedLeader(Leader(lazy: true));
        AckLast(leader);
        Drive.Readies(leader);
        leader.Propose(new byte[] { 7 });
        Drive.Readies(leader);
        var write = AckLast(leader);

        Assert.That(leader.Status().Commit, Is.EqualTo(write));
        Assert.That(Drive.Messages(leader), Is.Empty, "no message of its own for the new commit index");

        var heartbeats = new List<Message>();
        for (var tick = 0; tick < 2 && heartbeats.Count == 0; tick++)
        {
            leader.Tick();
            heartbeats.AddRange(Drive.Messages(leader).Where(m => m.Type == MessageType.Heartbeat));
        }
        var toAcker = heartbeats.Single(m => m.To == 2);
        Assert.That(toAcker.Commit, Is.EqualTo(write), "the heartbeat carries it to the follower that holds the entry");
    }

    private static RaftNode Leader(bool lazy) => new(new RaftOptions
    {
        Id = 1, InitialVoters = [1, 2, 3], Random = new Random(42), LazyCommitBroadcast = lazy,
    });

    // Follower 3 never answers, so flow control holds its appends back (probe state): the tests look at follower 2.

    /// <summary>Follower 2 acknowledges the leader's whole log (a quorum with the leader); returns the last index.</summary>
    private static ulong AckLast(RaftNode leader)
    {
        var last = leader.Status().LastIndex;
        leader.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = leader.Term, Index = last });
        return last;
    }

    private static (ulong To, ulong Commit)[] CommitAppends(IEnumerable<Message> messages) =>
        [.. messages.Where(m => m.Type == MessageType.Append).Select(m => (m.To, m.Commit)).OrderBy(p => p.To)];
}
