using RaftChaos.Raft.Messages;
using RaftChaos.Raft.ReadOnly;

namespace RaftChaos.Raft.Core;

/// <summary>Linearizable reads without log writes: ReadIndex (dissertation §6.4) and, as a bug, leases.</summary>
internal sealed partial class RaftCore
{
    /// <summary>
    /// A ReadIndex request from the application of any node. Returns None when pending or answered, else why it was refused.
    /// </summary>
    public DropReason ReadIndex(ulong context)
    {
        if (Bugs.HasFlag(UnsafeBug.StaleReads))
        {
            // Bug: answer from local state, whoever we are, without confirming anything.
            ReadStates.Add(new ReadState(Log.Committed, context));
            return DropReason.None;
        }
        if (Role == RaftRole.Leader)
        {
            return HandleReadIndexRequest(Id, context);
        }

        if (Lead == 0)
        {
            return DropReason.NoLeader;
        }

        Send(new Message { Type = MessageType.ReadIndex, To = Lead, Context = context });
        return DropReason.None;
    }

    /// <summary>
    /// Leader: record the commit index as the read index and confirm leadership with a heartbeat round; the read
    /// is answered when a quorum acknowledges that round. Refused until the leader committed an entry of its
    /// term, as its commit index may lag what earlier leaders committed.
    /// </summary>
    private DropReason HandleReadIndexRequest(ulong from, ulong context)
    {
        if (!CommittedInCurrentTerm)
        {
            return DropReason.NotCommittedInTerm;
        }

        if (Tracker.Config.Voters is [var only] && only == Id)
        {
            RespondToRead(from, Log.Committed, context);
            return DropReason.None;
        }
        if (Bugs.HasFlag(UnsafeBug.LeaseReads) && _options.CheckQuorum && LeadTransferee == 0
            && _lease.IsValid(_ticks, _options.ElectionTick))
        {
            RespondToRead(from, Log.Committed, context);
            return DropReason.None;
        }
        _pendingReads.Add(new PendingRead(_heartbeatRound + 1, Log.Committed, from, context));
        BroadcastHeartbeat();
        return DropReason.None;
    }

    /// <summary>A follower acknowledged a heartbeat round: release the reads a quorum has now confirmed.</summary>
    private void OnRoundAcknowledged()
    {
        var acked = Tracker.QuorumAckedRound();
        if (Bugs.HasFlag(UnsafeBug.LeaseReads))
        {
            _lease.QuorumAcked(acked);
        }

        if (_pendingReads.Count == 0)
        {
            return;
        }

        foreach (var read in _pendingReads.ReleaseUpTo(acked))
        {
            RespondToRead(read.From, read.Index, read.Context);
        }
    }

    private void RespondToRead(ulong from, ulong index, ulong context)
    {
        if (from == Id)
        {
            ReadStates.Add(new ReadState(index, context));
        }
        else
        {
            Send(new Message { Type = MessageType.ReadIndexResponse, To = from, Index = index, Context = context });
        }
    }
}
