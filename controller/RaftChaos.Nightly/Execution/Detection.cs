namespace RaftChaos.Nightly.Execution;

/// <summary>Where and when an invalid run first went wrong.</summary>
/// <param name="DetectedAfterSeconds">
/// Run time (from the history's first event) of the first anomaly: the completion of the first operation that cannot be
/// linearized, or the first node-log finding (a term's second leader, a contradicted committed entry), whichever came
/// first. How long the faults needed to turn the bug into an anomaly.
/// </param>
/// <param name="FailingKey">The key the counterexample is on (null: the single register, or a finding in the node logs).</param>
/// <param name="Operation">That operation, described (e.g. <c>p3 read -> 4</c>), or the node-log finding.</param>
/// <param name="InNodeLogs">True when the finding came from the node logs (two leaders of one term, a contradicted committed entry), not the history.</param>
public sealed record Detection(double DetectedAfterSeconds, string? FailingKey, string Operation, bool InNodeLogs = false)
{
    /// <summary>Where it went wrong, for one line of text: the key, <c>the register</c>, or <c>the node logs</c>.</summary>
    public string Where => InNodeLogs ? "the node logs" : FailingKey ?? "the register";
}
