using RaftChaos.Checker.History;

namespace RaftChaos.Workloads.Clients;

/// <summary>The classified result of one operation against one node.</summary>
/// <param name="Kind">ok, fail or info.</param>
/// <param name="Observed">For an ok read, the value seen (<see cref="HistoryValue.Null"/> for an absent key); otherwise null.</param>
/// <param name="Reason">Why it failed or is unknown, in words (for logs and tests; the history carries <see cref="Error"/>).</param>
public sealed record OperationOutcome(OutcomeKind Kind, HistoryValue? Observed, string? Reason)
{
    /// <summary>Why it failed or is unknown, as the history's <c>error</c> code; null for ok.</summary>
    public ErrorCode? Error { get; init; }

    /// <summary>The node where the call ended (the history's <c>node</c>); set by the runner, which knows the endpoint.</summary>
    public string? Node { get; init; }

    /// <summary>
    /// The leader a <c>not_leader</c> refusal named (null when it named none): where the runner may send a write once
    /// more (<see cref="WorkloadOptions.FollowLeader"/>).
    /// </summary>
    public string? Leader { get; init; }

    /// <summary>The node that refused with not-leader before the runner sent the operation to <see cref="Node"/>; null otherwise.</summary>
    public string? RedirectedFrom { get; init; }

    /// <summary>A write or cas that took effect.</summary>
    public static OperationOutcome Ok() => new(OutcomeKind.Ok, null, null);

    /// <summary>A read that saw <paramref name="observed"/>.</summary>
    public static OperationOutcome OkRead(HistoryValue observed) => new(OutcomeKind.Ok, observed, null);

    /// <summary>An operation that certainly did not take effect.</summary>
    public static OperationOutcome Fail(string reason, ErrorCode? error = null) => new(OutcomeKind.Fail, null, reason) { Error = error };

    /// <summary>An operation whose effect is unknown.</summary>
    public static OperationOutcome Info(string reason, ErrorCode? error = null) => new(OutcomeKind.Info, null, reason) { Error = error };
}
