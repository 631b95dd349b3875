using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Search;

/// <summary>
/// Where each operation of a partition falls in real time, for the reductions that reason about it. Operations are
/// numbered in invoke order; positions are the history's event ordinals.
/// </summary>
internal sealed class RealTimeOrder
{
    public RealTimeOrder(IReadOnlyList<Operation> operations)
    {
        Invoke = [.. operations.Select(operation => operation.InvokePosition)];
        Completion = [.. operations.Select(operation =>
            operation.Status == OperationStatus.Ok && operation.CompletionPosition is { } returned ? returned : int.MaxValue)];
        InvokedBeforeReturn = [.. Completion.Select(returned =>
        {
            if (returned == int.MaxValue)
            {
                return Invoke.Length;
            }

            var at = Array.BinarySearch(Invoke, returned);
            return at < 0 ? ~at : at;
        })];
        LongestSpan = Enumerable.Range(0, Invoke.Length).Where(i => Completion[i] != int.MaxValue)
            .Select(i => Completion[i] - Invoke[i]).DefaultIfEmpty(0).Max();
    }

    /// <summary>Per operation, the position of its invoke.</summary>
    public int[] Invoke { get; }

    /// <summary>Per operation, the position of its return; <see cref="int.MaxValue"/> for an info one (it completes at infinity).</summary>
    public int[] Completion { get; }

    /// <summary>
    /// Per operation, how many operations were invoked before it returned (all of them for an info one): operations
    /// 0 .. this - 1, the only ones that can be linearized before it.
    /// </summary>
    public int[] InvokedBeforeReturn { get; }

    /// <summary>The longest span from invoke to return of an ok operation, in positions.</summary>
    public int LongestSpan { get; }
}
