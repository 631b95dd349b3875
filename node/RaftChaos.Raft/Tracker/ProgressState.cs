namespace RaftChaos.Raft.Tracker;

/// <summary>How a leader replicates to one follower.</summary>
public enum ProgressState
{
    /// <summary>The leader does not know where the follower's log matches: one append at a time, waiting for the answer.</summary>
    Probe,
    /// <summary>The follower matches: appends are streamed optimistically, bounded by the inflight limit.</summary>
    Replicate,
    /// <summary>A snapshot is on its way; no appends until the follower acknowledges it.</summary>
    Snapshot,
}
