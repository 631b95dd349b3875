using RaftChaos.Checker.History;

namespace RaftChaos.Workloads.Clients;

/// <summary>The classified result of one operation against one node.</summary>
/// <param name="Kind">ok, fail or info.</param>
/// <param name="Observed">For an ok read, the value seen (<see cref="HistoryValue.Null"/> for an absent key); otherwise null.</param>
/// <param name="Reason">Why it failed or is unknown (for logs and tests; the history format has no field for it).</param>
public sealed record OperationOutcome(OutcomeKind Kind, HistoryValue? Observed, string? Reason)
{
    /// <summary>A write or cas that took effect.</summary>
    public static OperationOutcome Ok() => new(OutcomeKind.Ok, null, null);

    /// <summary>A read that saw <paramref name="observed"/>.</summary>
    public static OperationOutcome OkRead(HistoryValue observed) => new(OutcomeKind.Ok, observed, null);

    /// <summary>An operation that certainly did not take effect.</summary>
    public static OperationOutcome Fail(string reason) => new(OutcomeKind.Fail, null, reason);

    /// <summary>An operation whose effect is unknown.</summary>
    public static OperationOutcome Info(string reason) => new(OutcomeKind.Info, null, reason);
}
