using System.Diagnostics;
using RaftChaos.Raft.Log;
using RaftChaos.Raft.Messages;
using RaftChaos.Raft.ReadOnly;
using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Core;

/// <summary>
/// The Raft protocol state machine. It never does I/O: outgoing messages go to <see cref="Outbox"/> /
/// <see cref="OutboxAfterPersist"/>, new entries wait as unstable in <see cref="Log"/>, and
/// <see cref="RaftNode"/> hands all of it to the application as a Ready.
/// Split by concept over partial files: election, step (term rules), replication (leader), follower,
/// read index, transfer, membership.
/// Invariant: the role changes only in BecomeFollower / BecomePreCandidate / BecomeCandidate / BecomeLeader.
/// </summary>
internal sealed partial class RaftCore
{
    private readonly RaftOptions _options;
    private readonly Random _random;
    private readonly ReadIndexQueue _pendingReads = new();
    private readonly LeaderLease _lease = new();

    /// <summary>Ticks since the last election-timeout reset (followers: since last hearing from a leader; leader: since the last CheckQuorum).</summary>
    private int _electionElapsed;
    /// <summary>Leader: ticks since the last heartbeat broadcast.</summary>
    private int _heartbeatElapsed;
    /// <summary>The election timeout drawn in [ElectionTick, 2*ElectionTick) at every reset, so split votes resolve (§5.2).</summary>
    private int _randomizedElectionTimeout;
    /// <summary>All ticks ever seen: the leader's own clock for leases.</summary>
    private long _ticks;
    /// <summary>Leader: the last heartbeat round broadcast in this term.</summary>
    private ulong _heartbeatRound;
    /// <summary>Leader: index of the last membership change appended; no new one until it is committed.</summary>
    private ulong _pendingConfIndex;
    /// <summary>membership-on-append: the changes put in force as they were appended (index → term), not applied again at commit.</summary>
    private readonly Dictionary<ulong, ulong> _inForceOnAppend = [];

    public RaftCore(RaftOptions options, RaftLog log, Random random)
    {
        _options = options;
        _random = random;
        Id = options.Id;
        Log = log;
        Tracker = new ProgressTracker(options.MaxInflightMessages, options.MaxInflightBytes);
        ResetRandomizedElectionTimeout();
    }

    public ulong Id { get; }
    public ulong Term { get; private set; }
    /// <summary>The candidate voted for in <see cref="Term"/>, or 0.</summary>
    public ulong Vote { get; private set; }
    /// <summary>The known leader of <see cref="Term"/>, or 0.</summary>
    public ulong Lead { get; private set; }
    public RaftRole Role { get; private set; } = RaftRole.Follower;
    /// <summary>Leader: the node leadership is being handed to, or 0.</summary>
    public ulong LeadTransferee { get; private set; }
    public RaftLog Log { get; }
    public ProgressTracker Tracker { get; }
    /// <summary>The index of the entry whose membership is in force (the snapshot's index when it came from a snapshot).</summary>
    public ulong ConfIndex { get; private set; }

    /// <summary>Messages that may be sent at once.</summary>
    public List<Message> Outbox { get; } = [];
    /// <summary>Messages that must wait until the state they acknowledge is durable (including ones to this node itself, stepped at Advance).</summary>
    public List<Message> OutboxAfterPersist { get; } = [];
    /// <summary>Reads that became safe since the last Ready.</summary>
    public List<ReadState> ReadStates { get; } = [];

    private UnsafeBug Bugs => _options.UnsafeBugs;

    /// <summary>
    /// With an unsafe bug on, broken invariants are possible by design and must be caught by the simulator's
    /// checks, not crash the node: the core then tolerates them instead of throwing.
    /// </summary>
    private bool Lenient => _options.UnsafeBugs != UnsafeBug.None;

    /// <summary>A node may campaign only as a voter of its configuration, and not while installing a snapshot.</summary>
    public bool Promotable => Tracker.Config.Contains(Id) && Log.PendingSnapshot is null;

    /// <summary>True when the leader's commit index is current: it committed an entry of its own term (§5.4.2, §6.4).</summary>
    public bool CommittedInCurrentTerm => Log.TermOrZero(Log.Committed) == Term;

    /// <summary>Restores term and vote of a restarting node (before any step).</summary>
    public void LoadHardState(HardState hs)
    {
        Term = hs.Term;
        Vote = hs.Vote;
    }

    public void Tick()
    {
        _ticks++;
        if (Role == RaftRole.Leader)
        {
            TickHeartbeat();
        }
        else
        {
            TickElection();
        }
    }

    private void TickElection()
    {
        _electionElapsed++;
        if (Promotable && _electionElapsed >= _randomizedElectionTimeout)
        {
            _electionElapsed = 0;
            Hup(transfer: false);
        }
    }

    private void TickHeartbeat()
    {
        _heartbeatElapsed++;
        _electionElapsed++;
        if (_electionElapsed >= _options.ElectionTick)
        {
            _electionElapsed = 0;
            if (_options.CheckQuorum)
            {
                // CheckQuorum: a leader that did not hear from a quorum during a whole election timeout may be
                // partitioned away; stepping down stops it from accepting proposals it can never commit.
                if (!Tracker.QuorumActive(Id))
                {
                    BecomeFollower(Term, 0);
                    return;
                }
                Tracker.ResetRecentActive(Id);
            }
            RetryStaleSnapshots();
            // A transfer that did not finish within an election timeout is abandoned (the transferee may be down).
            if (LeadTransferee != 0)
            {
                AbortLeaderTransfer();
            }
        }
        if (_heartbeatElapsed >= _options.HeartbeatTick)
        {
            _heartbeatElapsed = 0;
            BroadcastHeartbeat();
        }
    }

    public void BecomeFollower(ulong term, ulong lead)
    {
        Reset(term);
        Lead = lead;
        Role = RaftRole.Follower;
    }

    public void BecomePreCandidate()
    {
        if (Role == RaftRole.Leader)
        {
            throw new InvalidOperationException("invalid transition leader -> pre-candidate");
        }
        // PreVote changes neither term nor vote: that is what keeps a partitioned node from disrupting the cluster.
        Tracker.ResetVotes();
        Lead = 0;
        Role = RaftRole.PreCandidate;
    }

    public void BecomeCandidate()
    {
        if (Role == RaftRole.Leader)
        {
            throw new InvalidOperationException("invalid transition leader -> candidate");
        }

        Reset(Term + 1);
        Vote = Id;
        Role = RaftRole.Candidate;
    }

    public void BecomeLeader()
    {
        if (Role == RaftRole.Follower)
        {
            throw new InvalidOperationException("invalid transition follower -> leader");
        }

        Reset(Term);
        Lead = Id;
        Role = RaftRole.Leader;
        Tracker.ResetProgress(Log.LastIndex + 1);
        // The leader's own log counts towards commit only as far as it is durable.
        var self = Tracker.Progress[Id];
        self.Match = Log.StableLastIndex;
        self.BecomeReplicate();
        self.RecentActive = true;
        // Conservatively treat the whole log as possibly holding a membership change: no new change until
        // something of this term commits (also closes the single-server-change leader-change bug).
        _pendingConfIndex = Log.LastIndex;
        // The no-op of a new term (§5.4.2, §8): committing it commits every earlier entry and makes the
        // commit index current for ReadIndex. The commit-old-term bug relies on counting old replicas
        // instead, as in the paper's Figure 8 (with a no-op riding along, the mistake would hardly show).
        if (!Bugs.HasFlag(UnsafeBug.CommitOldTerm))
        {
            AppendEntry(EntryType.Normal, ReadOnlyMemory<byte>.Empty);
        }
    }

    /// <summary>State every role change starts from. Term never decreases; the vote is kept within a term.</summary>
    private void Reset(ulong term)
    {
        if (term < Term)
        {
            throw new InvalidOperationException($"term must not decrease ({Term} -> {term})");
        }

        if (Term != term)
        {
            Term = term;
            Vote = 0;
        }
        Lead = 0;
        _electionElapsed = 0;
        _heartbeatElapsed = 0;
        ResetRandomizedElectionTimeout();
        LeadTransferee = 0;
        Tracker.ResetVotes();
        _pendingReads.Clear();
        _lease.Reset();
        _heartbeatRound = 0;
        _pendingConfIndex = 0;
    }

    /// <summary>
    /// Checks the invariants that hold after every step (debug builds; skipped when an unsafe bug may break them).
    /// Throws <see cref="InvalidOperationException"/>: a broken invariant is a bug in the core, never an expected outcome.
    /// </summary>
    [Conditional("DEBUG")]
    public void CheckInvariants()
    {
        if (Lenient)
        {
            return;
        }

        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"invariant broken on node {Id}: {what}");
            }
        }
        Require(Log.SnapshotIndex <= Log.Committed, "snapshot index <= commit");
        Require(Log.Committed <= Log.LastIndex, "commit <= last index");
        Require(Log.Applied <= Log.Committed, "applied <= commit");
        Require(Role != RaftRole.Leader || Lead == Id, "a leader leads itself");
        Require(Role != RaftRole.Candidate || Vote == Id, "a candidate voted for itself");
        Require(Role == RaftRole.Follower || Role == RaftRole.PreCandidate || Tracker.Config.Contains(Id), "only voters campaign or lead");
        Require(Tracker.Progress.Count == Tracker.Config.Voters.Length, "one progress per voter");
        Require(LeadTransferee == 0 || Role == RaftRole.Leader, "only a leader transfers");
        if (Role == RaftRole.Leader)
        {
            foreach (var (id, pr) in Tracker.Progress)
            {
                Require(pr.Match < pr.Next, $"match < next for {id}");
            }
        }
    }

    private void ResetRandomizedElectionTimeout() =>
        _randomizedElectionTimeout = _options.ElectionTick + _random.Next(_options.ElectionTick);

    /// <summary>
    /// Queues a message from this node. Acknowledgements of durable state (append and vote responses) wait
    /// for persistence, except append responses under the ack-before-persist bug.
    /// </summary>
    private void Send(Message m)
    {
        m = m with { From = Id, Term = m.Term == 0 ? Term : m.Term };
        var afterPersist = m.Type switch
        {
            MessageType.AppendResponse => m.To == Id || !Bugs.HasFlag(UnsafeBug.AckBeforePersist),
            MessageType.VoteResponse or MessageType.PreVoteResponse => true,
            _ => false,
        };
        (afterPersist ? OutboxAfterPersist : Outbox).Add(m);
    }
}
