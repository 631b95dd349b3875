using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Core;

/// <summary>Log compaction and the leader's bookkeeping of snapshots and unreachable followers.</summary>
internal sealed partial class RaftCore
{
    /// <summary>The application took a snapshot at <paramref name="index"/> (≤ applied): drop the entries it covers.</summary>
    public bool Compact(ulong index, ReadOnlyMemory<byte> data)
    {
        if (index <= Log.SnapshotIndex)
        {
            return false;
        }

        if (index > Log.Applied)
        {
            throw new InvalidOperationException($"cannot compact to {index}: only {Log.Applied} is applied");
        }

        var snapshot = new Snapshot(index, Log.TermOrZero(index), ConfStateAt(index), data);
        Log.CompactTo(snapshot);
        return true;
    }

    public void ReportUnreachable(ulong id)
    {
        if (Role == RaftRole.Leader && Tracker.Progress.TryGetValue(id, out var pr) && pr.State == ProgressState.Replicate)
        {
            pr.BecomeProbe();
        }
    }

    public void ReportSnapshot(ulong id, bool succeeded)
    {
        if (Role != RaftRole.Leader || !Tracker.Progress.TryGetValue(id, out var pr) || pr.State != ProgressState.Snapshot)
        {
            return;
        }

        if (succeeded)
        {
            pr.BecomeProbe();
        }
        else
        {
            pr.SnapshotFailed();
        }
        // Wait for the follower's answer (or a heartbeat response) before the next append.
        pr.MsgAppFlowPaused = true;
    }

    /// <summary>Sends the latest snapshot, but only to a follower heard from recently (else it is likely down).</summary>
    private bool MaybeSendSnapshot(ulong to, Progress pr)
    {
        if (!pr.RecentActive)
        {
            return false;
        }

        var snapshot = Log.Snapshot
            ?? throw new InvalidOperationException($"entries before {Log.FirstIndex} are gone but there is no snapshot");
        Send(new Message { Type = MessageType.Snapshot, To = to, Snapshot = snapshot });
        pr.BecomeSnapshot(snapshot.Index);
        return true;
    }

    /// <summary>A snapshot unanswered for a whole election timeout is presumed lost: probe (and resend) again.</summary>
    private void RetryStaleSnapshots()
    {
        foreach (var (id, pr) in Tracker.Progress)
        {
            if (id == Id || pr.State != ProgressState.Snapshot)
            {
                continue;
            }

            if (pr.SnapshotPeriods++ >= 1)
            {
                pr.SnapshotFailed();
            }
        }
    }
}
