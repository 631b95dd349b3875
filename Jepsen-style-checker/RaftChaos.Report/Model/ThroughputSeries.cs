namespace RaftChaos.Report.Model;

/// <summary>Completions counted in fixed time buckets, for the throughput plot.</summary>
/// <param name="BucketWidth">Bucket width in nanoseconds (a round number).</param>
/// <param name="BucketCount">Buckets from time 0 to the end of the history.</param>
/// <param name="Rows">One row of counts per function and outcome.</param>
public sealed record ThroughputSeries(long BucketWidth, int BucketCount, IReadOnlyList<ThroughputRow> Rows);
