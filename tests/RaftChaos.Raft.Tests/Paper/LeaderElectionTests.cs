using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Paper;

/// <summary>Raft paper §5.1–5.2 and §5.4.1: terms, leader election, the election restriction.</summary>
public sealed class LeaderElectionTests
{
    [Test]
    public void LeaderElection_CandidateWinningMajority_BecomesLeaderAndOthersFollowIt()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader));
        Assert.That(net[2].Leader, Is.EqualTo(1UL));
        Assert.That(net[3].Leader, Is.EqualTo(1UL));
        Assert.That(net.Nodes.Values.Select(n => n.Term).Distinct(), Is.EquivalentTo(new[] { 2UL }));
    }

    [Test]
    public void LeaderElection_FollowerHearingNothing_CampaignsAfterElectionTimeout()
    {
        var net = TestNetwork.Create(3);
        net.Isolate(1);
        net.Tick(1, 19);
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.PreCandidate));
    }

    [Test]
    public void LeaderElection_RandomizedTimeouts_FallInElectionTickToTwiceElectionTick()
    {
        var seen = new HashSet<int>();
        for (var seed = 0; seed < 50; seed++)
        {
            var node = new RaftNode(new RaftOptions { Id = 1, InitialVoters = [1, 2, 3], Random = new Random(seed) });
            Drive.Readies(node);
            var ticks = 0;
            while (node.Role == RaftRole.Follower && ticks < 100)
            {
                node.Tick();
                ticks++;
            }
            Assert.That(ticks, Is.InRange(10, 19));
            seen.Add(ticks);
        }
        Assert.That(seen.Count, Is.GreaterThan(3), "timeouts should be spread, so split votes resolve");
    }

    [Test]
    public void LeaderElection_CandidateWithStaleLog_IsRejected()
    {
        var net = TestNetwork.Create(3, o => Copy(o, preVote: false, checkQuorum: false));
        net.Campaign(1);
        net.Isolate(3);
        net.Propose(1, "a");
        net.Recover();
        net.Delivered.Clear();

        net.Campaign(3);

        var answers = net.Delivered.Where(m => m.Type == MessageType.VoteResponse && m.To == 3).ToList();
        Assert.That(answers, Has.Count.EqualTo(2));
        Assert.That(answers.All(m => m.Reject), Is.True, "§5.4.1: voters deny a candidate whose log is less up-to-date");
        Assert.That(net[3].Role, Is.Not.EqualTo(RaftRole.Leader));
    }

    [Test]
    public void LeaderElection_Voter_GrantsAtMostOneVotePerTerm()
    {
        var node = Drive.Founder(1);
        Drive.Readies(node);
        node.Step(new Message { Type = MessageType.Vote, From = 2, To = 1, Term = 5, Index = 3, LogTerm = 1 });
        node.Step(new Message { Type = MessageType.Vote, From = 3, To = 1, Term = 5, Index = 3, LogTerm = 1 });
        var answers = Drive.Messages(node).Where(m => m.Type == MessageType.VoteResponse).ToList();
        Assert.That(answers.Select(m => (m.To, m.Reject)), Is.EqualTo(new[] { (2UL, false), (3UL, true) }));
        Assert.That(node.Status().Vote, Is.EqualTo(2UL));
    }

    [Test]
    public void LeaderElection_GrantedVote_IsSentOnlyAfterPersisting()
    {
        var node = Drive.Founder(1);
        Drive.Readies(node);
        node.Step(new Message { Type = MessageType.Vote, From = 2, To = 1, Term = 5, Index = 3, LogTerm = 1 });
        var rd = node.Ready();
        Assert.That(rd.Messages, Is.Empty);
        Assert.That(rd.MessagesAfterPersist.Single().Type, Is.EqualTo(MessageType.VoteResponse));
        Assert.That(rd.HardState, Is.EqualTo(new HardState(5, 2, 3)));
        Assert.That(rd.MustSync, Is.True);
    }

    [Test]
    public void LeaderElection_ServerSeeingHigherTerm_BecomesFollowerOfThatTerm()
    {
        var node = Drive.ElectedLeader(Drive.Founder(1));
        Assert.That(node.Role, Is.EqualTo(RaftRole.Leader));
        node.Step(new Message { Type = MessageType.AppendResponse, From = 3, To = 1, Term = 9 });
        Assert.That(node.Role, Is.EqualTo(RaftRole.Follower));
        Assert.That(node.Term, Is.EqualTo(9UL));
    }

    [Test]
    public void LeaderElection_CandidateReceivingAppendOfItsTerm_RecognizesTheLeader()
    {
        var node = Drive.Founder(1, preVote: false);
        Drive.Readies(node);
        node.Campaign();
        Assert.That(node.Role, Is.EqualTo(RaftRole.Candidate));
        node.Step(new Message { Type = MessageType.Append, From = 2, To = 1, Term = node.Term, Index = 3, LogTerm = 1 });
        Assert.That(node.Role, Is.EqualTo(RaftRole.Follower));
        Assert.That(node.Leader, Is.EqualTo(2UL));
    }

    [Test]
    public void LeaderElection_OwnVote_CountsOnlyAfterTheReadyIsPersisted()
    {
        var node = new RaftNode(new RaftOptions { Id = 1, InitialVoters = [1], Random = new Random(1) });
        Drive.Readies(node);
        node.Campaign();
        Assert.That(node.Role, Is.EqualTo(RaftRole.PreCandidate));
        var rd = node.Ready();
        Assert.That(node.Role, Is.EqualTo(RaftRole.PreCandidate), "not before Advance");
        node.Advance();
        Assert.That(node.Role, Is.EqualTo(RaftRole.Candidate));
        rd = node.Ready();
        Assert.That(rd.HardState?.Vote, Is.EqualTo(1UL));
        node.Advance();
        Assert.That(node.Role, Is.EqualTo(RaftRole.Leader));
    }

    internal static RaftOptions Copy(RaftOptions o, bool? preVote = null, bool? checkQuorum = null, UnsafeBug? bugs = null,
        int? maxInflight = null, long? maxSize = null) => new()
    {
        Id = o.Id, InitialVoters = o.InitialVoters, ElectionTick = o.ElectionTick, HeartbeatTick = o.HeartbeatTick,
        PreVote = preVote ?? o.PreVote, CheckQuorum = checkQuorum ?? o.CheckQuorum, UnsafeBugs = bugs ?? o.UnsafeBugs,
        MaxInflightMessages = maxInflight ?? o.MaxInflightMessages, MaxSizePerMessage = maxSize ?? o.MaxSizePerMessage, Random = o.Random,
    };
}
