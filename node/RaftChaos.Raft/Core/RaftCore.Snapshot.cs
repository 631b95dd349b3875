using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Core;

/// <summary>Log compaction and the leader's bookkeeping of snapshots and unreachable followers.</summary>
internal sealed partial class RaftCore
{
    /// <summary>The application took a snapshot at <paramref name="index"/> (≤ applied): drop the entries it covers.</summary>
    public bool Compact(ulong index, ReadOnlyMemory<byte> data)
    {
        if (index <= Log.SnapshotIndex) return false;
        if (index > Log.Applied) throw new InvalidOperationException($"cannot compact to {index}: only {Log.Applied} is applied");
        var snapshot = new Snapshot(index, Log.TermOrZero(index), ConfStateAt(index), data);
        Log.CompactTo(snapshot);
        return true;
    }

    public void ReportUnreachable(ulong id)
    {
        if (Role == RaftRole.Leader && Tracker.Progress.TryGetValue(id, out var pr) && pr.State == ProgressState.Replicate)
            pr.BecomeProbe();
    }

    public void ReportSnapshot(ulong id, bool succeeded)
    {
        if (Role != RaftRole.Leader || !Tracker.Progress.TryGetValue(id, out var pr) || pr.State != ProgressState.Snapshot) return;
        if (succeeded) pr.BecomeProbe();
        else pr.SnapshotFailed();
        // Wait for the follower's answer (or a heartbeat response) before the next append.
        pr.MsgAppFlowPaused = true;
    }
}
