namespace RaftChaos.Report.Model;

/// <summary>The completed operations of one function and outcome: points (completion time, latency) of the latency plot.</summary>
/// <param name="F">The function.</param>
/// <param name="Outcome"><c>ok</c>, <c>fail</c> or <c>info</c>.</param>
/// <param name="OperationIds">The operations, in invoke order; never-completed ones are left out.</param>
public sealed record LatencySeries(string F, string Outcome, IReadOnlyList<int> OperationIds);
