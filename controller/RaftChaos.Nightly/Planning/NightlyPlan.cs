namespace RaftChaos.Nightly.Planning;

/// <summary>Everything a night will run, in order: the clean runs, then the matrix runs.</summary>
/// <param name="Seed">The nightly seed every run seed is derived from.</param>
/// <param name="Runs">All planned runs in execution order (<see cref="PlannedRun.Index"/> = position).</param>
/// <param name="Exposures">The matrix rows planned (empty without <c>--matrix</c>).</param>
/// <param name="RunOverhead">Estimated time a run takes beyond its time limit (cluster start, heal, final reads, check).</param>
public sealed record NightlyPlan(long Seed, IReadOnlyList<PlannedRun> Runs, IReadOnlyList<BugExposure> Exposures, TimeSpan RunOverhead)
{
    /// <summary>The clean runs.</summary>
    public IEnumerable<PlannedRun> CleanRuns => Runs.Where(run => run.Kind == RunKind.Clean);

    /// <summary>The matrix runs.</summary>
    public IEnumerable<PlannedRun> MatrixRuns => Runs.Where(run => run.Kind == RunKind.Matrix);

    /// <summary>Planned wall time of one run: its time limit plus the overhead.</summary>
    public TimeSpan Estimate(PlannedRun run) => run.TimeLimit + RunOverhead;

    /// <summary>Planned wall time of the whole night.</summary>
    public TimeSpan EstimatedTotal => Runs.Aggregate(TimeSpan.Zero, (sum, run) => sum + Estimate(run));
}
