using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Failover figures: taken from results.json when the controller measured them (time without a leader, terms, leader
/// kills), else computed from the history where it can be: each kill window's time to the next acknowledged write
/// (any kill, since the history does not say which node led), and the longest gap between two ok completions.
/// </summary>
internal static class FailoverCalculator
{
    /// <summary>Computes the summary.</summary>
    public static FailoverSummary Build(FailoverFigures? measured, IReadOnlyList<FaultWindow> faults, IReadOnlyList<ReportOperation> operations)
    {
        var okTimes = operations.Where(o => o.Outcome == "ok" && o.Complete is not null).Select(o => o.Complete!.Value).Order().ToArray();
        long? longestGap = null;
        for (var i = 1; i < okTimes.Length; i++)
        {
            longestGap = Math.Max(longestGap ?? 0, okTimes[i] - okTimes[i - 1]);
        }

        if (measured is { Recoveries.Count: > 0 })
        {
            return new FailoverSummary(measured.TimeWithoutLeader, measured.Terms, longestGap, measured.Recoveries, "results.json");
        }

        var writes = operations
            .Where(o => o.Outcome == "ok" && o.Complete is not null && FunctionOrder.IsWrite(o.F))
            .Select(o => o.Complete!.Value)
            .Order()
            .ToArray();
        var recoveries = faults
            .Where(w => w.Kind == "kill")
            .Select(w => new KillRecovery(w.Start, w.Value, NextAfter(writes, w.Start) is { } next ? next - w.Start : null))
            .ToArray();
        return new FailoverSummary(measured?.TimeWithoutLeader, measured?.Terms, longestGap, recoveries, "history");
    }

    // The first time strictly after `time`, or null.
    private static long? NextAfter(long[] sorted, long time)
    {
        var i = Array.BinarySearch(sorted, time + 1);
        i = i < 0 ? ~i : i;
        while (i > 0 && sorted[i - 1] > time)
        {
            i--;
        }

        return i < sorted.Length ? sorted[i] : null;
    }
}
