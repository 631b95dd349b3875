using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Raft.ReadOnly;
using RaftChaos.Raft.Tests.Network;
using RaftChaos.Raft.Tests.Paper;

namespace RaftChaos.Raft.Tests.Bugs;

/// <summary>Each unsafe bug switch changes behaviour exactly where it claims to; off, the core is correct.</summary>
public sealed class UnsafeBugTests
{
    private static Message VoteFrom(ulong from, ulong term) =>
        new() { Type = MessageType.Vote, From = from, To = 1, Term = term, Index = 3, LogTerm = 1 };

    [TestCase(UnsafeBug.None, false)]
    [TestCase(UnsafeBug.StaleReads, true)]
    public void StaleReads_FollowerWithoutLeader_AnswersFromLocalState(UnsafeBug bugs, bool answered)
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, bugs: bugs));
        var result = net[2].ReadIndex(9);
        net.Stabilize();
        Assert.That(result.Accepted, Is.EqualTo(answered));
        Assert.That(net.ReadStates[2], answered ? Is.EqualTo(new[] { new ReadState(3, 9) }) : Is.Empty);
    }

    [TestCase(UnsafeBug.None, false)]
    [TestCase(UnsafeBug.LeaseReads, true)]
    public void LeaseReads_LeaderWhoseClockStopped_ServesAStaleRead(UnsafeBug bugs, bool servesStale)
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, bugs: bugs));
        net.Campaign(1);
        net.Propose(1, "a");
        net.Tick(1, 1); // a heartbeat round acknowledged by a quorum starts the lease
        net.Stabilize();
        net.Isolate(1);
        var newLeader = TestNetworkElections.ElectAmong(net, 2, 3); // node 1's clock does not move meanwhile
        var write = net.Propose(newLeader, "b");
        Assert.That(net[newLeader].Status().Commit, Is.EqualTo(write.Index));

        net[1].ReadIndex(77);
        net.Process(1);
        var stale = net.ReadStates[1].Where(r => r.Context == 77).ToList();
        Assert.That(stale.Count == 1, Is.EqualTo(servesStale));
        if (servesStale) Assert.That(stale[0].Index, Is.LessThan(write.Index), "the read misses the committed write");
    }

    [Test]
    public void LeaseReads_LeaderWithinLease_AnswersWithoutAHeartbeatRound()
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, bugs: UnsafeBug.LeaseReads));
        net.Campaign(1);
        net.Propose(1, "a");
        net.Tick(1, 1);
        net.Stabilize();
        net[1].ReadIndex(5);
        net.Process(1);
        Assert.That(net.ReadStates[1], Is.EqualTo(new[] { new ReadState(5, 5) }));
        Assert.That(net.InFlight, Is.Empty);
    }

    [TestCase(UnsafeBug.None, new[] { false, true })]
    [TestCase(UnsafeBug.ForgetVote, new[] { false, false })]
    public void ForgetVote_RestartedNode_VotesTwiceInOneTerm(UnsafeBug bugs, bool[] rejected)
    {
        var net = new TestNetwork();
        foreach (var id in new ulong[] { 1, 2, 3 }) net.AddNode(id, [1, 2, 3], o => LeaderElectionTests.Copy(o, bugs: bugs));
        net.Stabilize();
        net[1].Step(VoteFrom(2, 5));
        net.Process(1);
        net.Restart(1);
        net[1].Step(VoteFrom(3, 5));
        net.Process(1);
        var answers = net.InFlight.Where(m => m.Type == MessageType.VoteResponse).Select(m => m.Reject);
        Assert.That(answers, Is.EqualTo(rejected));
        if (bugs == UnsafeBug.ForgetVote) Assert.That(net.Storage[1].HardState.Vote, Is.EqualTo(0UL));
    }

    [TestCase(UnsafeBug.None, 3UL)]
    [TestCase(UnsafeBug.CommitOldTerm, 4UL)]
    public void CommitOldTerm_OldTermEntryOnAMajority_IsCommittedByCounting(UnsafeBug bugs, ulong commit)
    {
        var node = Drive.ElectedLeader(Drive.Recovered(1, [2], new HardState(3, 0, 3), bugs));
        node.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = 4, Index = 4 });
        Drive.Readies(node);
        Assert.That(node.Status().Commit, Is.EqualTo(commit));
    }

    [Test]
    public void CommittedEntryConflict_UnderABug_IsReportedInTheReady_WithoutABugTheCoreThrows()
    {
        // Entries 1..3 (term 1) are committed on a founder. A leader of term 5 whose log differs from index 3 on sends
        // its own entry 3: only a broken leader (Figure 8 under commit-old-term) can do that.
        var append = new Message
        {
            Type = MessageType.Append, From = 1, To = 2, Term = 5, Index = 2, LogTerm = 1, Commit = 3,
            Entries = [new Entry(3, 4, EntryType.Normal, new byte[] { 9 })],
        };
        var lenient = Drive.Founder(2, bugs: UnsafeBug.CommitOldTerm);
        Drive.Readies(lenient);

        lenient.Step(append);

        var reported = Drive.Readies(lenient).SelectMany(rd => rd.CommittedEntryConflicts).ToList();
        Assert.That(reported, Is.EqualTo(new[] { new CommittedEntryConflict(3, 3, 1, 4) }));
        Assert.That(lenient.HasReady, Is.False, "reported once");

        var strict = Drive.Founder(2);
        Drive.Readies(strict);
        Assert.That(() => strict.Step(append), Throws.InvalidOperationException.With.Message.Contains("conflicts with committed entry of term 1"));
    }

    [TestCase(UnsafeBug.None, false)]
    [TestCase(UnsafeBug.AckBeforePersist, true)]
    public void AckBeforePersist_FollowerAcknowledgesInTheSameReadyWithoutSync(UnsafeBug bugs, bool early)
    {
        var node = Drive.Founder(2, bugs: bugs);
        Drive.Readies(node);
        node.Step(new Message
        {
            Type = MessageType.Append, From = 1, To = 2, Term = 1, Index = 3, LogTerm = 1,
            Entries = [new Entry(4, 1, EntryType.Normal, new byte[] { 1 })],
        });
        var rd = node.Ready();
        Assert.That(rd.Entries, Has.Count.EqualTo(1));
        Assert.That(rd.Messages.Any(m => m.Type == MessageType.AppendResponse), Is.EqualTo(early));
        Assert.That(rd.MessagesAfterPersist.Any(m => m.Type == MessageType.AppendResponse), Is.EqualTo(!early));
        Assert.That(rd.MustSync, Is.EqualTo(!early));
    }

    [TestCase(UnsafeBug.None)]
    [TestCase(UnsafeBug.MembershipOnAppend)]
    public void MembershipOnAppend_TwoRemovalsAtOnce_LeaveTheLeaderCommittingAlone(UnsafeBug bugs)
    {
        var net = TestNetwork.Create(3, o => LeaderElectionTests.Copy(o, bugs: bugs));
        net.Campaign(1);
        net.Propose(1, "a");
        var first = net[1].ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, 2));
        var second = net[1].ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, 3));
        Assert.That(first.Accepted, Is.True);
        if (bugs == UnsafeBug.None)
        {
            // One change in flight: the second waits, and the voters stay until the first commits.
            Assert.That(second.Reason, Is.EqualTo(DropReason.MembershipChangePending));
            Assert.That(net[1].ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3 }));
            return;
        }
        // Both in force at once: {1,2,3} and {1} are live together, and {1} is a majority disjoint from {2,3}.
        Assert.That(second.Accepted, Is.True);
        Assert.That(net[1].ConfState.Voters, Is.EqualTo(new ulong[] { 1 }));
        Assert.That(net[1].ConfIndex, Is.EqualTo(second.Index));
        net.Isolate(2);
        net.Isolate(3);
        var write = net.Propose(1, "b");
        Assert.That(net[1].Status().Commit, Is.EqualTo(write.Index), "the leader alone commits");
        Assert.That(net[2].ConfState.Voters, Is.EqualTo(new ulong[] { 1, 2, 3 }), "the followers still count the old voters");
    }
}
