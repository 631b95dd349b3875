using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Quorum;

namespace RaftChaos.Raft.Core;

/// <summary>Leader election (§5.2) with PreVote (dissertation §9.6).</summary>
internal sealed partial class RaftCore
{
    /// <summary>Starts an election if this node may: a pre-vote round first unless disabled or this is a transfer.</summary>
    public void Hup(bool transfer)
    {
        if (Role == RaftRole.Leader || !Promotable)
        {
            return;
        }

        if (_options.PreVote && !transfer)
        {
            Campaign(preVote: true, transfer: false);
        }
        else
        {
            Campaign(preVote: false, transfer);
        }
    }

    /// <summary>
    /// Follower: the connection from <paramref name="peer"/> closed (the transport saw its stream end or reset). When the
    /// peer is our leader, its process most likely died, since the kernel closes a dead process's connections at once:
    /// waiting out a whole randomized election timeout (1-2 × ElectionTick) would only add unavailability. The lease ends
    /// now (so this node grants other candidates' pre-votes and votes, see Step), and this node campaigns itself after
    /// HeartbeatTick + 1 to ElectionTick / 2 ticks, drawn at random so two followers that both saw the leader go rarely
    /// split the vote, and never before a live leader's next heartbeat was due.
    /// </summary>
    /// <remarks>
    /// Safety does not depend on it: elections are always safe (§5.2, §5.4), only their timing changes. A leader that is in
    /// fact alive (a connection reset, a restarted stream) loses nothing: its next heartbeat resets the election timer
    /// before it fires, and with PreVote a campaign cannot move the term unless a quorum has also stopped hearing from it.
    /// A partition or a frozen process closes no connection and is still found by the election timeout alone.
    /// </remarks>
    /// <returns>True when the peer was this follower's leader and the election timer was shortened.</returns>
    public bool LeaderConnectionLost(ulong peer)
    {
        if (Role != RaftRole.Follower || Lead == 0 || peer != Lead || !Promotable)
        {
            return false;
        }
        var earliest = _options.HeartbeatTick + 1;
        var latest = Math.Max(earliest, _options.ElectionTick / 2);
        _electionElapsed = Math.Max(_electionElapsed, _options.ElectionTick);
        _randomizedElectionTimeout = _electionElapsed + earliest + _random.Next(latest - earliest + 1);
        return true;
    }

    private void Campaign(bool preVote, bool transfer)
    {
        ulong term;
        MessageType request, response;
        if (preVote)
        {
            BecomePreCandidate();
            // Ask for the term we would campaign in, without moving to it.
            term = Term + 1;
            (request, response) = (MessageType.PreVote, MessageType.PreVoteResponse);
        }
        else
        {
            BecomeCandidate();
            term = Term;
            (request, response) = (MessageType.Vote, MessageType.VoteResponse);
        }
        foreach (var id in Tracker.Config.Voters)
        {
            if (id == Id)
            {
                // Our own vote counts only once it is durable: it travels as a response to ourselves,
                // stepped at Advance after the Ready carrying the new term and vote was persisted.
                Send(new Message { Type = response, To = Id, Term = term });
                continue;
            }
            Send(new Message
            {
                Type = request, To = id, Term = term, Index = Log.LastIndex, LogTerm = Log.LastTerm, Transfer = transfer,
            });
        }
    }

    /// <summary>Counts one answer; wins (pre-vote → real election, election → leader) or loses on a quorum.</summary>
    private void Poll(ulong from, bool granted)
    {
        Tracker.RecordVote(from, granted);
        switch (Tracker.TallyVotes())
        {
            case VoteResult.Won when Role == RaftRole.PreCandidate:
                Campaign(preVote: false, transfer: false);
                break;
            case VoteResult.Won:
                BecomeLeader();
                BroadcastAppend();
                break;
            case VoteResult.Lost:
                BecomeFollower(Term, 0);
                break;
        }
    }
}
