using System.ComponentModel;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Runs a plan over a pool of Docker engines, at most one run per engine at a time, each run's cluster wholly on its
/// engine (one engine, the default: one run after another, as before). Each run cleans its cluster before its engine takes
/// the next. The night carries on after a failed run; an engine that stops answering (a run exits 69) leaves the pool,
/// that run recorded as an error with the reason, and the night goes on elsewhere; when the last engine leaves, the night
/// stops. Cancellation stops every engine's run cleanly and returns what ran, so the summary can still be written.
/// </summary>
public sealed class NightlyRunner
{
    /// <summary>The folder of a night that holds the run store (<c>NIGHT/runs/NAME/TIMESTAMP/</c>).</summary>
    public const string RunsFolder = "runs";

    private const int UsageExit = 64;
    private const int NoEngineExit = 69;

    // A run that exits with these says nothing about the run itself: every later run would end the same way.
    private static readonly IReadOnlyDictionary<int, string> Fatal = new Dictionary<int, string>
    {
        [UsageExit] = "raftchaos run rejected the arguments the night gave it (usage error 64)",
        [NoEngineExit] = "no Docker engine is reachable (exit 69); set one up as root with 'raftchaos engine setup'",
    };

    private readonly IRunExecutor executor;
    private readonly INightlyProgress progress;
    private readonly IReadOnlyList<string?> engines;

    /// <summary>Creates a runner over <paramref name="engines"/> (DOCKER_HOST-style names; null or empty: the default engine alone).</summary>
    public NightlyRunner(IRunExecutor executor, INightlyProgress progress, IReadOnlyList<string>? engines = null)
    {
        this.executor = executor;
        this.progress = progress;
        this.engines = engines is { Count: > 0 } ? [.. engines] : [null];
    }

    /// <summary>Runs <paramref name="plan"/>, filing run folders under <c><paramref name="nightDirectory"/>/runs</c>.</summary>
    public async Task<NightlyExecution> RunAsync(NightlyPlan plan, string nightDirectory, CancellationToken cancellationToken)
    {
        var night = new PoolState(plan, engines.Count);
        var store = Path.Combine(nightDirectory, RunsFolder);
        await Task.WhenAll(engines.Select(engine => Task.Run(() => WorkAsync(night, engine, store, cancellationToken), CancellationToken.None))).ConfigureAwait(false);
        var outcomes = night.Outcomes.OrderBy(o => o.Run.Index).ToList();
        return new NightlyExecution(outcomes, night.Interrupted || cancellationToken.IsCancellationRequested, night.AbortReason, night.AbortExitCode);
    }

    // One engine's loop: take the next planned run, run it there, until the plan is done, the night stops or the engine leaves.
    private async Task WorkAsync(PoolState night, string? engine, string store, CancellationToken cancellationToken)
    {
        while (night.TakeNext(cancellationToken) is { } run)
        {
            lock (night)
            {
                progress.RunStarting(run, night.Outcomes.Count, night.Plan.Runs.Count, night.Remaining(run.Index));
            }

            RunOutcome outcome;
            try
            {
                outcome = await executor.ExecuteAsync(run, store, engine, cancellationToken).ConfigureAwait(false);
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

            var leaves = outcome.Verdict == RunVerdict.Error && outcome.ExitCode == NoEngineExit && engine is not null;
            if (leaves)
            {
                outcome = outcome with { Error = $"engine {engine} stopped answering (exit 69) and left the pool; {outcome.Error}" };
            }
            outcome = outcome with { Engine = engine };
            lock (night)
            {
                night.Outcomes.Add(outcome);
                progress.RunFinished(outcome, night.Outcomes.Count, night.Plan.Runs.Count, night.Remaining(night.NextIndex));
                if (outcome.Verdict == RunVerdict.Interrupted)
                {
                    night.Interrupted = true;
                    return;
                }

                if (leaves && --night.EnginesLeft > 0)
                {
                    return;
                }

                if (outcome.Verdict == RunVerdict.Error && outcome.ExitCode is { } code && Fatal.TryGetValue(code, out var reason))
                {
                    night.AbortReason ??= reason;
                    night.AbortExitCode ??= code;
                    return;
                }
            }
        }
    }

    /// <summary>What the engines of one night share, under its own lock.</summary>
    private sealed class PoolState(NightlyPlan plan, int engines)
    {
        private int _next;

        public NightlyPlan Plan { get; } = plan;

        public List<RunOutcome> Outcomes { get; } = [];

        public int EnginesLeft { get; set; } = engines;

        public bool Interrupted { get; set; }

        public string? AbortReason { get; set; }

        public int? AbortExitCode { get; set; }

        /// <summary>The next run to start, or null when the plan is done or the night stops.</summary>
        public PlannedRun? TakeNext(CancellationToken cancellationToken)
        {
            lock (this)
            {
                if (cancellationToken.IsCancellationRequested || Interrupted || AbortReason is not null || _next >= Plan.Runs.Count)
                {
                    return null;
                }

                return Plan.Runs[_next++];
            }
        }

        /// <summary>The position of the next run to start.</summary>
        public int NextIndex => _next;

        /// <summary>
        /// The estimate of the runs from position <paramref name="from"/> on, spread over the engines still in the pool
        /// (call under the lock). Runs in flight on other engines are not counted: a rough figure, exact for one engine.
        /// </summary>
        public TimeSpan Remaining(int from)
            => RemainingTime.Estimate(Plan, from, Outcomes) / Math.Max(1, EnginesLeft);
    }
}
