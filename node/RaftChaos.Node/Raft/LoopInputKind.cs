namespace RaftChaos.Node.Raft;

/// <summary>What arrived in the Raft loop's inbox.</summary>
internal enum LoopInputKind
{
    /// <summary>One tick of the logical clock.</summary>
    Tick,
    /// <summary>A Raft message from a peer.</summary>
    Message,
    /// <summary>A client command to propose.</summary>
    Propose,
    /// <summary>A client read (linearizable or stale).</summary>
    Read,
    /// <summary>A status request.</summary>
    Status,
    /// <summary>A membership change to propose (the leader only).</summary>
    ChangeMembership,
    /// <summary>A peer's incoming stream ended or broke (<see cref="LoopInput.Peer"/>): maybe its process died.</summary>
    ConnectionLost,
}
