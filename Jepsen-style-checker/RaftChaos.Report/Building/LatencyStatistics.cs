using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>Latency series per function and outcome, and percentiles of ok latencies (nearest rank).</summary>
internal static class LatencyStatistics
{
    /// <summary>Completed operations grouped by function and outcome, in report order; empty groups left out.</summary>
    public static IReadOnlyList<LatencySeries> Series(IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions)
    {
        var series = new List<LatencySeries>();
        foreach (var f in functions)
        {
            foreach (var outcome in FunctionOrder.Outcomes)
            {
                var ids = operations.Where(o => o.F == f && o.Outcome == outcome && o.Complete is not null).Select(o => o.Id).ToArray();
                if (ids.Length > 0)
                {
                    series.Add(new LatencySeries(f, outcome, ids));
                }
            }
        }

        return series;
    }

    /// <summary>Percentiles of ok latencies per function, then an <c>all</c> row; functions with no ok operation left out.</summary>
    public static IReadOnlyList<LatencyPercentiles> Percentiles(IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions)
    {
        var rows = new List<LatencyPercentiles>();
        foreach (var f in functions.Append("all"))
        {
            var latencies = operations
                .Where(o => o.Outcome == "ok" && o.Complete is not null && (f == "all" || o.F == f))
                .Select(o => o.Complete!.Value - o.Invoke)
                .ToArray();
            if (latencies.Length == 0 || (f == "all" && functions.Count < 2))
            {
                continue;
            }

            Array.Sort(latencies);
            rows.Add(new LatencyPercentiles(
                f, latencies.Length, Rank(latencies, 0.50), Rank(latencies, 0.90), Rank(latencies, 0.95),
                Rank(latencies, 0.99), Rank(latencies, 0.999), latencies[^1]));
        }

        return rows;
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
