namespace RaftChaos.Simulation.Clients;

/// <summary>How a node answered a client. Every kind but <see cref="Ok"/> is a definite failure (no effect).</summary>
public enum ReplyKind
{
    /// <summary>Took effect (a read: returned the value).</summary>
    Ok,
    /// <summary>A cas whose expected value did not match when applied.</summary>
    CasFailed,
    /// <summary>Refused before anything was proposed (not leader, no leader, ...).</summary>
    Refused,
    /// <summary>Proposed, but a different entry was committed at its index: it can never take effect.</summary>
    Lost,
}
