using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Raft;

/// <summary>The answer the Raft loop gives a client request (expected outcomes are values, not exceptions).</summary>
internal sealed record RequestOutcome(OutcomeKind Kind, ApplyResult? Result, string LeaderId, string Reason)
{
    public static RequestOutcome Done(ApplyResult result) => new(OutcomeKind.Done, result, "", "");

    /// <summary>A definite refusal; <paramref name="leaderId"/> is empty when no leader is known.</summary>
    public static RequestOutcome NotLeader(string leaderId) => new(OutcomeKind.NotLeader, null, leaderId, "not the leader");

    /// <summary>A definite failure that is not a refusal (<see cref="OutcomeKind.Failed"/>).</summary>
    public static RequestOutcome Failed(string reason) => new(OutcomeKind.Failed, null, "", reason);

    /// <summary>An ambiguous end: the request may still take effect.</summary>
    public static RequestOutcome Unavailable(string reason) => new(OutcomeKind.Unavailable, null, "", reason);
}
