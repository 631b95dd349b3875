namespace RaftChaos.Nightly.Execution;

/// <summary>What a run folder says about its run.</summary>
/// <param name="Verdict">results.json's verdict, or null when it has none.</param>
/// <param name="Counts">Client operations by outcome, from history.jsonl.</param>
/// <param name="Failover">Failover figures from results.json.</param>
/// <param name="Detection">For an invalid history: the first anomaly.</param>
/// <param name="Problem">What could not be read, or null.</param>
public sealed record RunFindings(RunVerdict? Verdict, OperationCounts? Counts, RunFailover? Failover, Detection? Detection, string? Problem);
