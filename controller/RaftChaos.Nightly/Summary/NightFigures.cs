using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Runs;

namespace RaftChaos.Nightly.Summary;

/// <summary>The night's counts and failover figures, as summary.json's <c>totals</c> and <c>figures</c> and the trend show them.</summary>
/// <param name="CleanRuns">Clean runs that started.</param>
/// <param name="Valid">Clean runs found valid.</param>
/// <param name="Invalid">Clean runs found invalid (false alarms).</param>
/// <param name="Unknown">Clean runs whose check hit its bound.</param>
/// <param name="Errors">Clean runs with no verdict (error or interrupted).</param>
/// <param name="Bugs">Matrix bugs planned.</param>
/// <param name="BugsCaught">Matrix bugs caught in at least one seed.</param>
/// <param name="TimeWithoutLeaderSeconds">Median over clean runs of the time without a leader.</param>
/// <param name="KillToNextWriteSeconds">Median over every leader kill of the clean runs of the time to the next acknowledged write.</param>
public sealed record NightFigures(
    int CleanRuns, int Valid, int Invalid, int Unknown, int Errors, int Bugs, int BugsCaught,
    double? TimeWithoutLeaderSeconds, double? KillToNextWriteSeconds)
{
    /// <summary>Computes the figures of <paramref name="summary"/>.</summary>
    public static NightFigures From(NightlySummary summary)
    {
        var clean = summary.Runs.Where(r => r.Run.Kind == RunKind.Clean).Select(r => r.Outcome).ToArray();
        return new NightFigures(
            clean.Length,
            clean.Count(o => o.Verdict == RunVerdict.Valid),
            clean.Count(o => o.Verdict == RunVerdict.Invalid),
            clean.Count(o => o.Verdict == RunVerdict.Unknown),
            clean.Count(o => o.Verdict is RunVerdict.Error or RunVerdict.Interrupted),
            summary.Matrix.Count,
            summary.Matrix.Count(b => b.IsCaught),
            FailoverRecord.Median(clean.Select(o => o.Failover?.TimeWithoutLeaderMs / 1000).OfType<double>()),
            FailoverRecord.Median(clean.SelectMany(o => o.Failover?.KillToNextWriteMs.Select(k => k.Ms / 1000) ?? []).OfType<double>()));
    }
}
