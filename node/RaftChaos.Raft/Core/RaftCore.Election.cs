using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Quorum;

namespace RaftChaos.Raft.Core;

/// <summary>Leader election (§5.2) with PreVote (dissertation §9.6).</summary>
internal sealed partial class RaftCore
{
    /// <summary>Starts an election if this node may: a pre-vote round first unless disabled or this is a transfer.</summary>
    public void Hup(bool transfer)
    {
        if (Role == RaftRole.Leader || !Promotable) return;
        if (_options.PreVote && !transfer) Campaign(preVote: true, transfer: false);
        else Campaign(preVote: false, transfer);
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
