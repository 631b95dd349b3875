namespace RaftChaos.Nightly.Execution;

/// <summary>A run's failover figures as results.json gives them (each optional).</summary>
/// <param name="TimeWithoutLeaderSeconds">Total time with no leader.</param>
/// <param name="KillToNextWriteSeconds">Per leader kill: time to the next acknowledged write (null: none came).</param>
public sealed record RunFailover(double? TimeWithoutLeaderSeconds, IReadOnlyList<double?> KillToNextWriteSeconds)
{
    /// <summary>Median of the measured kill-to-next-write times, or null when none was measured.</summary>
    public double? MedianKillToNextWriteSeconds => Median(KillToNextWriteSeconds.OfType<double>());

    /// <summary>Median of <paramref name="values"/>, or null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
