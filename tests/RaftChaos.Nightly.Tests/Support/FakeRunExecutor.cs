using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Support;

/// <summary>An executor that answers from a function and remembers what it was asked to run.</summary>
internal sealed class FakeRunExecutor(Func<PlannedRun, string, CancellationToken, RunOutcome> answer) : IRunExecutor
{
    public List<PlannedRun> Executed { get; } = [];

    public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken)
    {
        Executed.Add(run);
        return Task.FromResult(answer(run, storeDirectory, cancellationToken));
    }
}
