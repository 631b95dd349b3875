using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.Support;

/// <summary>
/// The definition, executed: try every order of the operations that respects real time (an operation may go next only
/// if no other pending ok operation completed before it was invoked), with fail operations left out and info operations
/// optional. No memo, no cleverness; exponential, so only for tiny histories. Keys are judged apart when the model says
/// they are independent, since the model's state is one key's value.
/// </summary>
internal static class NaiveLinearizability
{
    public static bool IsLinearizable<TState>(IReadOnlyList<Operation> operations, Model<TState> model)
        where TState : notnull
    {
        var candidates = operations.Where(operation => operation.Status != OperationStatus.Fail).ToList();
        return model.PartitionByKey
            ? candidates.GroupBy(operation => operation.Key).All(key => Search(model.Init, key.ToList(), model))
            : Search(model.Init, candidates, model);
    }

    private static bool Search<TState>(TState state, List<Operation> pending, Model<TState> model)
        where TState : notnull
    {
        if (pending.All(operation => operation.Status != OperationStatus.Ok))
        {
            return true;
        }

        foreach (var operation in pending)
        {
            var mustWait = pending.Any(other => other.Status == OperationStatus.Ok && other.CompletionPosition < operation.InvokePosition);
            if (!mustWait && model.Step(state, operation, out var next) && Search(next, pending.Where(other => other != operation).ToList(), model))
            {
                return true;
            }
        }

        return false;
    }
}
