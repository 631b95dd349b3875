using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests.Support;

/// <summary>An endpoint whose answer is computed by a function; <see cref="Hang"/> never answers until cancelled.</summary>
internal sealed class ScriptedEndpoint(string node, Func<WorkloadOperation, OperationOutcome?> answer) : IKvEndpoint
{
    private int calls;

    public string Node => node;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Marker result: wait for cancellation.</summary>
    public static OperationOutcome? Hang => null;

    public async Task<OperationOutcome> ExecuteAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        await Task.Yield();
        var outcome = answer(operation);
        if (outcome is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        return outcome;
    }
}
