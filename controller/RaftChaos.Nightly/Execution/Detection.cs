namespace RaftChaos.Nightly.Execution;

/// <summary>Where and when an invalid run first went wrong.</summary>
/// <param name="DetectedAfterSeconds">
/// Run time (from the history's first event) at which the first operation that cannot be linearized completed: how
/// long the faults needed to turn the bug into an anomaly.
/// </param>
/// <param name="FailingKey">The key the counterexample is on (null: the single register).</param>
/// <param name="Operation">That operation, described (e.g. <c>p3 read -> 4</c>).</param>
public sealed record Detection(double DetectedAfterSeconds, string? FailingKey, string Operation);
