namespace RaftChaos.Report.Model;

/// <summary>Latency percentiles (nearest rank) of the ok operations of one function, in nanoseconds.</summary>
/// <param name="F">The function, or <c>all</c>.</param>
/// <param name="Count">ok operations measured.</param>
/// <param name="P50">The median latency.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="P999">The 99.9th percentile.</param>
/// <param name="Max">The slowest ok operation.</param>
public sealed record LatencyPercentiles(string F, int Count, long P50, long P90, long P95, long P99, long P999, long Max);
