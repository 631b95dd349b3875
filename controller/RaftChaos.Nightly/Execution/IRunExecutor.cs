using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Executes one planned run to its end (cluster up, workload and faults, heal, check, clean-up) and reports its outcome.
/// The I/O seam of the night: <see cref="ProcessRunExecutor"/> runs <c>raftchaos run</c>; tests use fakes.
/// </summary>
public interface IRunExecutor
{
    /// <summary>
    /// Runs <paramref name="run"/>, filing its folder under <paramref name="storeDirectory"/>. A run that fails returns
    /// <see cref="RunVerdict.Error"/> instead of throwing; cancellation stops the run cleanly and returns
    /// <see cref="RunVerdict.Interrupted"/>.
    /// </summary>
    Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="run"/> with its whole cluster on the Docker engine <paramref name="engine"/> (DOCKER_HOST-style;
    /// null: the default one). An executor that knows no engines runs it where it runs everything.
    /// </summary>
    Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, string? engine, CancellationToken cancellationToken)
        => ExecuteAsync(run, storeDirectory, cancellationToken);
}
