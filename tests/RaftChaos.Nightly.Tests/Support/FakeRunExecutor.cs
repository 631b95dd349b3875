using System.Collections.Concurrent;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Support;

/// <summary>An executor that answers from a function and remembers what it was asked to run (and on which engine).</summary>
internal sealed class FakeRunExecutor(Func<PlannedRun, string, CancellationToken, RunOutcome> answer) : IRunExecutor
{
    private readonly ConcurrentQueue<(PlannedRun Run, string? Engine)> _executed = new();

    public List<PlannedRun> Executed => [.. _executed.Select(e => e.Run)];

    public List<(PlannedRun Run, string? Engine)> ExecutedOn => [.. _executed];

    public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken)
        => ExecuteAsync(run, storeDirectory, null, cancellationToken);

    public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, string? engine, CancellationToken cancellationToken)
    {
        _executed.Enqueue((run, engine));
        return Task.FromResult(answer(run, storeDirectory, cancellationToken));
    }
}
