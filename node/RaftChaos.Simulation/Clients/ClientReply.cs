namespace RaftChaos.Simulation.Clients;

/// <summary>A node's answer to a <see cref="ClientRequest"/>.</summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Kind">The outcome.</param>
/// <param name="Value">A read's value (null: never written).</param>
/// <param name="LeaderHint">On refusal, the leader the node knows of, or 0.</param>
public sealed record ClientReply(ulong RequestId, ReplyKind Kind, long? Value, ulong LeaderHint);
