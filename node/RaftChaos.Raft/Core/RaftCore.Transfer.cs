using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Core;

/// <summary>Leadership transfer (dissertation §3.10): catch the transferee up, then tell it to campaign now.</summary>
internal sealed partial class RaftCore
{
    /// <summary>Any node: start (leader) or forward (follower) a transfer. False when it cannot be done.</summary>
    public bool TransferLeadership(ulong transferee)
    {
        if (Role == RaftRole.Leader)
        {
            return StartLeaderTransfer(transferee);
        }

        if (Lead == 0)
        {
            return false;
        }

        Send(new Message { Type = MessageType.TransferLeadership, To = Lead, Transferee = transferee });
        return true;
    }

    private bool StartLeaderTransfer(ulong transferee)
    {
        if (transferee == Id || !Tracker.Progress.TryGetValue(transferee, out var pr))
        {
            return false;
        }

        if (LeadTransferee == transferee)
        {
            return true;
        }

        if (LeadTransferee != 0)
        {
            AbortLeaderTransfer();
        }

        LeadTransferee = transferee;
        // The transfer must finish within an election timeout (checked in TickHeartbeat); proposals are
        // refused meanwhile so the transferee can catch up and stay caught up.
        _electionElapsed = 0;
        if (pr.Match == Log.LastIndex)
        {
            SendTimeoutNow(transferee);
        }
        else
        {
            MaybeSendAppend(transferee, sendIfEmpty: true);
        }

        return true;
    }

    private void SendTimeoutNow(ulong to) => Send(new Message { Type = MessageType.TimeoutNow, To = to });

    private void AbortLeaderTransfer() => LeadTransferee = 0;
}
