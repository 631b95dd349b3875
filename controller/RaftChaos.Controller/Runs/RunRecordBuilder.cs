using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// Composes a finished run's checks into its <see cref="RunRecord"/>: the linearizability check first, then each
/// node-log check; the verdict merges them (invalid &gt; unknown &gt; valid, as Jepsen's <c>checker/compose</c>), and the
/// first detection is the earliest timed finding of an invalid check. Pure.
/// </summary>
public static class RunRecordBuilder
{
    /// <summary>What a run measured besides its checks.</summary>
    /// <param name="RunId">The run id on the containers.</param>
    /// <param name="Counts">Operation and nemesis event counts.</param>
    /// <param name="Failover">Failover figures, or null when the target has no leader discovery.</param>
    /// <param name="HealProblems">What the heal check found.</param>
    /// <param name="ClusterStart">Time to a ready cluster.</param>
    /// <param name="ProcessNodes">Process → node.</param>
    /// <param name="HistoryOrigin">The host's wall clock at history time 0.</param>
    public sealed record Measurements(
        string RunId, RunCounts Counts, FailoverRecord? Failover, IReadOnlyList<string> HealProblems, TimeSpan ClusterStart, IReadOnlyDictionary<int, string> ProcessNodes,
        DateTimeOffset? HistoryOrigin = null);

    /// <summary>Builds the record.</summary>
    public static RunRecord Build(
        string testName, RunConfiguration configuration, OperationHistory history, CheckResult linearizability, IReadOnlyList<CheckOutcome> nodeLogChecks, Measurements measured)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(linearizability);
        ArgumentNullException.ThrowIfNull(measured);
        IReadOnlyList<CheckOutcome> checks = [LinearizabilityOutcome.From(linearizability), .. nodeLogChecks];
        return new RunRecord
        {
            TestName = testName,
            Verdict = ComposedVerdict.Of(checks),
            Model = linearizability.Model,
            Configuration = configuration,
            ReplayCommand = configuration.ReplayCommand,
            RunId = measured.RunId,
            HistoryOrigin = measured.HistoryOrigin,
            Checks = checks,
            FirstDetection = FirstDetection(checks, FirstEventSeconds(history)),
            Counts = measured.Counts,
            Failover = measured.Failover,
            CheckerMs = Math.Round(linearizability.Elapsed.TotalMilliseconds, 1),
            ClusterStartMs = Math.Round(measured.ClusterStart.TotalMilliseconds, 1),
            HealProblems = measured.HealProblems,
            ProcessNodes = measured.ProcessNodes,
        };
    }

    /// <summary>
    /// The earliest timed finding of an invalid check, measured from the history's first event (the faults' time to
    /// expose the bug); null when no invalid check timed a finding.
    /// </summary>
    public static RunDetection? FirstDetection(IReadOnlyList<CheckOutcome> checks, double firstEventSeconds)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var first = checks.Where(c => c.Verdict == Verdict.Invalid)
            .SelectMany(c => c.Findings.Where(f => f.AtSeconds is not null).Select(f => (Check: c.Name, Finding: f)))
            .OrderBy(x => x.Finding.AtSeconds)
            .FirstOrDefault();
        return first.Finding is null ? null
            : new RunDetection(first.Check, Math.Round(Math.Max(0, first.Finding.AtSeconds!.Value - firstEventSeconds), 3), first.Finding.Text, first.Finding.Key);
    }

    // The history's first event (client operations and fault events share the run's monotonic clock), in seconds.
    private static double FirstEventSeconds(OperationHistory history)
    {
        var first = long.MaxValue;
        foreach (var operation in history.Operations) first = Math.Min(first, operation.InvokeTime);
        foreach (var e in history.NemesisEvents) first = Math.Min(first, e.Time);
        return first == long.MaxValue ? 0 : first / 1e9;
    }
}
