using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Estimates the rest of the night from planned run time: each run left costs its time limit plus an overhead, the
/// planned one until a run has finished, then the mean overhead measured so far (image builds and checks vary by machine).
/// </summary>
public static class RemainingTime
{
    /// <summary>The estimate for the runs of <paramref name="plan"/> from position <paramref name="next"/> on, given the finished outcomes.</summary>
    public static TimeSpan Estimate(NightlyPlan plan, int next, IReadOnlyList<RunOutcome> finished)
    {
        var overhead = MeasuredOverhead(finished) ?? plan.RunOverhead;
        var total = TimeSpan.Zero;
        for (var i = next; i < plan.Runs.Count; i++)
        {
            total += plan.Runs[i].TimeLimit + overhead;
        }

        return total;
    }

    /// <summary>Mean of (duration − time limit) over runs that ran to their end, or null when none did.</summary>
    public static TimeSpan? MeasuredOverhead(IReadOnlyList<RunOutcome> finished)
    {
        var complete = finished.Where(o => o.Verdict is RunVerdict.Valid or RunVerdict.Invalid or RunVerdict.Unknown).ToArray();
        if (complete.Length == 0)
        {
            return null;
        }

        var mean = complete.Average(o => (o.Duration - o.Run.TimeLimit).TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(0, mean));
    }
}
