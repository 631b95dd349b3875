using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>One run as the summary lists it.</summary>
/// <param name="Run">The planned run.</param>
/// <param name="Outcome">What it produced.</param>
/// <param name="RelativeFolder">The run folder relative to the night's folder (for links), or null.</param>
public sealed record RunRecord(PlannedRun Run, RunOutcome Outcome, string? RelativeFolder)
{
    /// <summary>The report of the run relative to the night's folder, or null without a run folder.</summary>
    public string? RelativeReport => RelativeFolder is null ? null : RelativeFolder + "/report.html";

    /// <summary>true valid, false invalid, null anything else (unknown, error, interrupted): summary.json writes "unknown".</summary>
    public bool? Valid => Outcome.Verdict switch
    {
        RunVerdict.Valid => true,
        RunVerdict.Invalid => false,
        _ => null,
    };
}
