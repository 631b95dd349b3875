using RaftChaos.Nightly.Planning;
using RaftChaos.Runs;

namespace RaftChaos.Nightly.Execution;

/// <summary>What one planned run produced. Plain data: the summary and the index page are built from a list of these.</summary>
/// <param name="Run">The planned run.</param>
/// <param name="Verdict">How it ended.</param>
/// <param name="Duration">Wall time, cluster start to clean-up.</param>
/// <param name="Folder">The run folder (history.jsonl, results.json, report.html), when one was written.</param>
/// <param name="Counts">Client operations by outcome, when the history was read.</param>
/// <param name="Failover">Failover figures from the run record (ms), when present.</param>
/// <param name="Detection">For an invalid run: the check, the finding, its key and the time to detection.</param>
/// <param name="ExitCode">The run's exit code, when it ran as a process.</param>
/// <param name="Error">Why there is no verdict (for <see cref="RunVerdict.Error"/>), or a warning.</param>
/// <param name="Engine">The Docker engine the run's cluster ran on (DOCKER_HOST-style), or null: the default one.</param>
public sealed record RunOutcome(
    PlannedRun Run,
    RunVerdict Verdict,
    TimeSpan Duration,
    string? Folder = null,
    RunCounts? Counts = null,
    FailoverRecord? Failover = null,
    RunDetection? Detection = null,
    int? ExitCode = null,
    string? Error = null,
    string? Engine = null)
{
    /// <summary>Whether the outcome is what the run is for: valid for a clean run, invalid (caught) for a matrix run.</summary>
    public bool AsExpected => Run.Kind == RunKind.Clean ? Verdict == RunVerdict.Valid : Verdict == RunVerdict.Invalid;
}
