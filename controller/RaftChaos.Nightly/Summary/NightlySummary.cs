using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>The night in one value: summary.json and index.html are written from it.</summary>
/// <param name="Name">The night's folder name, e.g. <c>2026-11-26</c> or <c>2026-11-26T041500</c>.</param>
/// <param name="StartedAt">When the night started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC).</param>
/// <param name="Plan">What was planned.</param>
/// <param name="Runs">Every run that started, clean and matrix, in order.</param>
/// <param name="Matrix">One record per planned bug.</param>
/// <param name="NotRun">Names of planned runs that never started (night interrupted or aborted).</param>
/// <param name="Interrupted">Ctrl-C stopped the night.</param>
/// <param name="AbortReason">Why the night stopped by itself, or null.</param>
/// <param name="Failures">What failed, each with its replay command; empty when the night passed.</param>
/// <param name="ExitCode">0 passed, 1 failed, 69 no Docker engine.</param>
public sealed record NightlySummary(
    string Name,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    NightlyPlan Plan,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<BugRecord> Matrix,
    IReadOnlyList<string> NotRun,
    bool Interrupted,
    string? AbortReason,
    IReadOnlyList<Failure> Failures,
    int ExitCode)
{
    /// <summary>Every clean run valid, every bug caught, nothing left unrun.</summary>
    public bool Passed => ExitCode == 0;

    /// <summary>The clean runs.</summary>
    public IEnumerable<RunRecord> CleanRuns => Runs.Where(r => r.Run.Kind == RunKind.Clean);
}
