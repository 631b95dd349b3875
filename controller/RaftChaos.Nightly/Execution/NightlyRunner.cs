using System.ComponentModel;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Runs a plan one run after another (each run cleans its cluster before the next starts), carries on after a failed
/// run, and stops cleanly on cancellation, returning what ran so the summary can still be written.
/// </summary>
public sealed class NightlyRunner
{
    /// <summary>The folder of a night that holds the run store (<c>NIGHT/runs/NAME/TIMESTAMP/</c>).</summary>
    public const string RunsFolder = "runs";

    // A run that exits with these says nothing about the run itself: every later run would end the same way.
    private static readonly IReadOnlyDictionary<int, string> Fatal = new Dictionary<int, string>
    {
        [64] = "raftchaos run rejected the arguments the night gave it (usage error 64)",
        [69] = "no Docker engine is reachable (exit 69); set one up as root with 'raftchaos engine setup'",
    };

    private readonly IRunExecutor executor;
    private readonly INightlyProgress progress;

    /// <summary>Creates a runner.</summary>
    public NightlyRunner(IRunExecutor executor, INightlyProgress progress)
    {
        this.executor = executor;
        this.progress = progress;
    }

    /// <summary>Runs <paramref name="plan"/>, filing run folders under <c><paramref name="nightDirectory"/>/runs</c>.</summary>
    public async Task<NightlyExecution> RunAsync(NightlyPlan plan, string nightDirectory, CancellationToken cancellationToken)
    {
        var store = Path.Combine(nightDirectory, RunsFolder);
        var outcomes = new List<RunOutcome>();
        foreach (var run in plan.Runs)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new NightlyExecution(outcomes, true, null, null);
            }

            progress.RunStarting(run, outcomes.Count, plan.Runs.Count, RemainingTime.Estimate(plan, run.Index, outcomes));
            RunOutcome outcome;
            try
            {
                outcome = await executor.ExecuteAsync(run, store, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                outcome = new RunOutcome(run, RunVerdict.Interrupted, TimeSpan.Zero, Error: "interrupted");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Win32Exception)
            {
                // One broken run must not end the night: it is recorded as an error and the next one starts.
                outcome = new RunOutcome(run, RunVerdict.Error, TimeSpan.Zero, Error: $"{ex.GetType().Name}: {ex.Message}");
            }

            outcomes.Add(outcome);
            progress.RunFinished(outcome, outcomes.Count, plan.Runs.Count, RemainingTime.Estimate(plan, run.Index + 1, outcomes));
            if (outcome.Verdict == RunVerdict.Interrupted)
            {
                return new NightlyExecution(outcomes, true, null, null);
            }

            if (outcome.Verdict == RunVerdict.Error && outcome.ExitCode is { } code && Fatal.TryGetValue(code, out var reason))
            {
                return new NightlyExecution(outcomes, false, reason, code);
            }
        }

        return new NightlyExecution(outcomes, cancellationToken.IsCancellationRequested, null, null);
    }
}
