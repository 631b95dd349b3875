namespace RaftChaos.Report.Model;

/// <summary>Latency percentiles (nearest rank) of the ok operations of one function, in nanoseconds.</summary>
/// <param name="F">The function, or <c>all</c>.</param>
/// <param name="Count">ok operations measured.</param>
public sealed record LatencyPercentiles(string F, int Count, long P50, long P90, long P95, long P99, long P999, long Max);
