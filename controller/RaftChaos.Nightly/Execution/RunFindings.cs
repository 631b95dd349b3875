using RaftChaos.Runs;

namespace RaftChaos.Nightly.Execution;

/// <summary>What a run folder says about its run.</summary>
/// <param name="Verdict">The run record's verdict, or null when there is no record.</param>
/// <param name="Counts">Client operations by outcome: the record's, or counted from history.jsonl when a run stopped before writing one.</param>
/// <param name="Failover">Failover figures from the record.</param>
/// <param name="Detection">For an invalid run: the record's first detection.</param>
/// <param name="Problem">What could not be read, or null.</param>
public sealed record RunFindings(RunVerdict? Verdict, RunCounts? Counts, FailoverRecord? Failover, RunDetection? Detection, string? Problem);
