namespace RaftChaos.Node.Raft;

/// <summary>How a client request left the Raft loop.</summary>
internal enum OutcomeKind
{
    /// <summary>Committed and applied (writes), or read at a safe index (reads).</summary>
    Done,
    /// <summary>Refused before anything was proposed: this node is not the leader. A definite failure.</summary>
    NotLeader,
    /// <summary>Proposed, then leadership was lost or the node stopped: it may or may not take effect.</summary>
    Unavailable,
    /// <summary>
    /// Certainly did not take effect, and no refusal before proposing either: never proposed (still queued when the
    /// node stopped), or proposed and its entry lost to another term's at the same index. A definite failure.
    /// </summary>
    Failed,
}
