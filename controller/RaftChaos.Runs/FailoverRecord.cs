namespace RaftChaos.Runs;

/// <summary>How the cluster rode out its faults (results.json <c>failover</c>). Times in milliseconds.</summary>
/// <param name="TimeWithoutLeaderMs">Time of the main phase without an agreed leader.</param>
/// <param name="Terms">Terms the cluster went through during the main phase.</param>
/// <param name="KillToNextWriteMs">For each kill of the leader: when, which node, and the time to the next acknowledged write.</param>
public sealed record FailoverRecord(double TimeWithoutLeaderMs, ulong Terms, IReadOnlyList<LeaderKillRecord> KillToNextWriteMs)
{
    /// <summary>The median of the measured kill-to-next-write times (ms), or null when none was followed by a write.</summary>
    public double? MedianKillToNextWriteMs => Median(KillToNextWriteMs.Select(k => k.Ms).OfType<double>());

    /// <summary>Median of <paramref name="values"/>, or null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
