using System.Globalization;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// Builds the <see cref="NightlySummary"/> from a plan and what ran. Pure: it decides the verdict of the night and its
/// exit code: 0 when every clean run is valid, every matrix bug was caught and every planned run ran; 69 when the night
/// stopped because no Docker engine answered; otherwise 1.
/// </summary>
public static class SummaryBuilder
{
    /// <summary>Builds the summary; run folders are made relative to <paramref name="nightDirectory"/>.</summary>
    public static NightlySummary Build(
        string name, DateTimeOffset startedAt, DateTimeOffset finishedAt, NightlyPlan plan, NightlyExecution execution, string nightDirectory)
    {
        var records = execution.Outcomes.Select(outcome => new RunRecord(
            outcome.Run, outcome, outcome.Folder is null ? null : Path.GetRelativePath(nightDirectory, outcome.Folder).Replace('\\', '/'))).ToArray();
        var matrix = plan.Exposures.Select(exposure => new BugRecord(
            exposure, [.. records.Where(r => r.Run.Kind == RunKind.Matrix && r.Run.Unsafe == exposure.Bug && r.Outcome.Verdict != RunVerdict.Interrupted)]))
            .ToArray();
        var started = execution.Outcomes.Select(o => o.Run.Index).ToHashSet();
        var notRun = plan.Runs.Where(run => !started.Contains(run.Index)).Select(run => run.Name).ToArray();

        var failures = new List<Failure>();
        foreach (var record in records.Where(r => r.Run.Kind == RunKind.Clean && r.Outcome.Verdict != RunVerdict.Valid))
        {
            failures.Add(new Failure($"clean run {record.Run.Name}: {Describe(record.Outcome)}", record.Run.ReplayCommand, record.RelativeReport));
        }

        // A bug no seed of which ran because the night was stopped is covered by the "interrupted"/"stopped" failure.
        var stopped = execution.Interrupted || execution.AbortReason is not null;
        foreach (var bug in matrix.Where(b => !b.IsCaught && !(stopped && b.Runs.Count == 0)))
        {
            var first = bug.Runs.FirstOrDefault();
            var what = bug.Runs.Count == 0
                ? $"bug {bug.Exposure.Bug}: no seed ran"
                : string.Create(CultureInfo.InvariantCulture,
                    $"bug {bug.Exposure.Bug}: not caught in {bug.Runs.Count} seed(s) ({string.Join(", ", bug.Runs.Select(r => $"{r.Run.Seed}: {Describe(r.Outcome)}"))})");
            failures.Add(new Failure(what, first?.Run.ReplayCommand, first?.RelativeReport));
        }

        if (execution.Interrupted)
        {
            failures.Add(new Failure(
                string.Create(CultureInfo.InvariantCulture, $"interrupted: {notRun.Length} of {plan.Runs.Count} planned runs did not run"), null, null));
        }
        else if (execution.AbortReason is not null)
        {
            failures.Add(new Failure(
                string.Create(CultureInfo.InvariantCulture, $"stopped: {execution.AbortReason}; {notRun.Length} of {plan.Runs.Count} planned runs did not run"),
                null, null));
        }

        var exitCode = failures.Count == 0 ? 0 : execution.AbortExitCode == 69 ? 69 : 1;
        return new NightlySummary(name, startedAt, finishedAt, plan, records, matrix, notRun, execution.Interrupted, execution.AbortReason, failures, exitCode);
    }

    /// <summary>A short text for an outcome, e.g. <c>invalid</c>, <c>unknown</c>, <c>error: exit 3, ...</c>.</summary>
    public static string Describe(RunOutcome outcome)
    {
        var verdict = outcome.Verdict switch
        {
            RunVerdict.Invalid when outcome.Run.Kind == RunKind.Clean => "invalid (false alarm)",
            RunVerdict.Valid when outcome.Run.Kind == RunKind.Matrix => "valid (not caught)",
            _ => outcome.Verdict.ToString().ToLowerInvariant(),
        };
        return outcome.Verdict is RunVerdict.Error or RunVerdict.Interrupted && outcome.Error is not null ? $"{verdict}: {outcome.Error}" : verdict;
    }
}
