using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Core;

/// <summary>Step: the term rules every message passes first (Figure 2, "all servers"), then the role's handler.</summary>
internal sealed partial class RaftCore
{
    public void Step(Message m)
    {
        if (m.Term > Term)
        {
            if (m.Type is MessageType.Vote or MessageType.PreVote)
            {
                // CheckQuorum lease: while we hear from a live leader, a vote request is a disruption (e.g. from a
                // node that was partitioned), not a sign the leader died. A transfer explicitly overrides it.
                var inLease = _options.CheckQuorum && Lead != 0 && _electionElapsed < _options.ElectionTick;
                if (inLease && !m.Transfer)
                {
                    return;
                }
            }
            switch (m.Type)
            {
                case MessageType.PreVote:
                    // Never change term in response to a pre-vote.
                    break;
                case MessageType.PreVoteResponse when !m.Reject:
                    // A granted pre-vote carries the future term; the term moves when a quorum granted.
                    break;
                case MessageType.Append or MessageType.Heartbeat or MessageType.Snapshot:
                    BecomeFollower(m.Term, m.From);
                    break;
                default:
                    BecomeFollower(m.Term, 0);
                    break;
            }
        }
        else if (m.Term < Term)
        {
            if ((_options.CheckQuorum || _options.PreVote) && m.Type is MessageType.Heartbeat or MessageType.Append)
            {
                // A stale leader (e.g. back from a partition) would otherwise never learn the new term: with
                // PreVote/CheckQuorum nobody disrupts it with a higher-term vote request. Tell it.
                Send(new Message { Type = MessageType.AppendResponse, To = m.From });
            }
            else if (m.Type == MessageType.PreVote)
            {
                Send(new Message { Type = MessageType.PreVoteResponse, To = m.From, Reject = true });
            }
            return;
        }

        switch (m.Type)
        {
            case MessageType.Vote or MessageType.PreVote:
                HandleVoteRequest(m);
                return;
        }

        switch (Role)
        {
            case RaftRole.Leader: StepLeader(m); break;
            case RaftRole.Candidate or RaftRole.PreCandidate: StepCandidate(m); break;
            default: StepFollower(m); break;
        }
    }

    /// <summary>RequestVote receiver (Figure 2): grant when we have not voted for someone else this term and the candidate's log is at least as up-to-date (§5.4.1).</summary>
    private void HandleVoteRequest(Message m)
    {
        var responseType = m.Type == MessageType.Vote ? MessageType.VoteResponse : MessageType.PreVoteResponse;
        var canVote =
            Vote == m.From
            // Never voted this term and no leader known: free to vote.
            || (Vote == 0 && Lead == 0)
            // A pre-vote for a future term does not bind us.
            || (m.Type == MessageType.PreVote && m.Term > Term);
        if (canVote && Log.IsUpToDate(m.Index, m.LogTerm))
        {
            // The response carries the request's term, so a pre-candidate can count it as a grant for its future term.
            Send(new Message { Type = responseType, To = m.From, Term = m.Term });
            if (m.Type == MessageType.Vote)
            {
                _electionElapsed = 0;
                Vote = m.From;
            }
        }
        else
        {
            Send(new Message { Type = responseType, To = m.From, Term = Term, Reject = true });
        }
    }

    private void StepLeader(Message m)
    {
        switch (m.Type)
        {
            case MessageType.AppendResponse: HandleAppendResponse(m); break;
            case MessageType.HeartbeatResponse: HandleHeartbeatResponse(m); break;
            case MessageType.ReadIndex: HandleReadIndexRequest(m.From, m.Context); break;
            case MessageType.TransferLeadership: StartLeaderTransfer(m.Transferee); break;
            // Another leader in our term is impossible unless an unsafe bug broke election safety: ignore it.
        }
    }

    private void StepCandidate(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append:
                BecomeFollower(m.Term, m.From);
                HandleAppend(m);
                break;
            case MessageType.Heartbeat:
                BecomeFollower(m.Term, m.From);
                HandleHeartbeat(m);
                break;
            case MessageType.Snapshot:
                BecomeFollower(m.Term, m.From);
                HandleSnapshot(m);
                break;
            case MessageType.VoteResponse when Role == RaftRole.Candidate:
            case MessageType.PreVoteResponse when Role == RaftRole.PreCandidate:
                Poll(m.From, granted: !m.Reject);
                break;
        }
    }

    private void StepFollower(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append:
                _electionElapsed = 0;
                Lead = m.From;
                HandleAppend(m);
                break;
            case MessageType.Heartbeat:
                _electionElapsed = 0;
                Lead = m.From;
                HandleHeartbeat(m);
                break;
            case MessageType.Snapshot:
                _electionElapsed = 0;
                Lead = m.From;
                HandleSnapshot(m);
                break;
            case MessageType.TimeoutNow:
                // The leader hands over: campaign at once, skipping PreVote (the leader vouches for us).
                Hup(transfer: true);
                break;
            case MessageType.ReadIndexResponse:
                ReadStates.Add(new ReadOnly.ReadState(m.Index, m.Context));
                break;
            case MessageType.TransferLeadership when Lead != 0:
                Send(m with { To = Lead, Term = 0 });
                break;
        }
    }
}
