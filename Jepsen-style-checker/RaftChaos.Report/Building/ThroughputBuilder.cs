using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>Counts completions per fixed time bucket, per function and outcome.</summary>
internal static class ThroughputBuilder
{
    /// <summary>Buckets of a round width covering 0 .. <paramref name="end"/>, about <paramref name="targetBuckets"/> of them.</summary>
    public static ThroughputSeries Build(IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions, long end, int targetBuckets)
    {
        var width = RoundWidth(Math.Max(1, end) / (double)targetBuckets);
        var count = (int)Math.Max(1, (end + width - 1) / width);
        var rows = new List<ThroughputRow>();
        foreach (var f in functions)
        {
            foreach (var outcome in FunctionOrder.Outcomes)
            {
                var counts = new int[count];
                var any = false;
                foreach (var operation in operations)
                {
                    if (operation.F == f && operation.Outcome == outcome && operation.Complete is { } complete)
                    {
                        counts[Math.Min(count - 1, (int)(complete / width))]++;
                        any = true;
                    }
                }

                if (any)
                {
                    rows.Add(new ThroughputRow(f, outcome, counts));
                }
            }
        }

        return new ThroughputSeries(width, count, rows);
    }

    /// <summary>The smallest 1, 2 or 5 × 10^k nanoseconds at or above <paramref name="raw"/>.</summary>
    public static long RoundWidth(double raw)
    {
        for (long magnitude = 1; magnitude < long.MaxValue / 10; magnitude *= 10)
        {
            foreach (var step in (long[])[1, 2, 5])
            {
                if (step * magnitude >= raw)
                {
                    return step * magnitude;
                }
            }
        }

        return long.MaxValue / 10;
    }
}
