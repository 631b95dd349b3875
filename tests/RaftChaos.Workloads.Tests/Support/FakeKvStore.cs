using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests.Support;

/// <summary>
/// An in-memory key-value store with endpoints for any number of "nodes". Every operation is applied atomically
/// under one lock, inside its call: linearizable by construction. With <c>staleBy</c> &gt; 0 reads return the value
/// the key had that many writes ago: the classic stale-read bug, which the checker must catch.
/// </summary>
internal sealed class FakeKvStore(int staleBy = 0)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<HistoryValue>> versions = new(StringComparer.Ordinal);

    public int Applied { get; private set; }

    public IReadOnlyList<IKvEndpoint> Endpoints(int count) =>
        Enumerable.Range(1, count).Select(i => (IKvEndpoint)new Endpoint(this, $"n{i}")).ToArray();

    public HistoryValue Current(string nodeKey)
    {
        lock (gate)
        {
            return versions.TryGetValue(nodeKey, out var list) ? list[^1] : HistoryValue.Null;
        }
    }

    private OperationOutcome Apply(WorkloadOperation operation)
    {
        lock (gate)
        {
            Applied++;
            if (!versions.TryGetValue(operation.NodeKey, out var list))
            {
                list = [HistoryValue.Null];
                versions.Add(operation.NodeKey, list);
            }

            switch (operation.F)
            {
                case WorkloadOperation.Functions.Read:
                    return OperationOutcome.OkRead(list[Math.Max(0, list.Count - 1 - staleBy)]);
                case WorkloadOperation.Functions.Write:
                    list.Add(operation.Value);
                    return OperationOutcome.Ok();
                default:
                    var items = ((ListValue)operation.Value).Items;
                    if (!list[^1].Equals(items[0]))
                    {
                        return OperationOutcome.Fail("precondition false");
                    }

                    list.Add(items[1]);
                    return OperationOutcome.Ok();
            }
        }
    }

    private sealed class Endpoint(FakeKvStore store, string node) : IKvEndpoint
    {
        public string Node => node;

        public async Task<OperationOutcome> ExecuteAsync(WorkloadOperation operation, CancellationToken cancellationToken)
        {
            // A real hop to the thread pool, so that processes interleave as they do against a real cluster.
            await Task.Yield();
            return store.Apply(operation);
        }
    }
}
