using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Raft;

/// <summary>
/// Client writes proposed by this node, waiting to be applied, keyed by the (index, term) the core gave them.
/// Owned by the Raft loop. When the entry at that index is applied with the same term, the write took effect;
/// with another term, it was overwritten. Invariant: keys are below every index not yet applied.
/// </summary>
internal sealed class PendingProposals
{
    private readonly SortedDictionary<ulong, (ulong Term, TaskCompletionSource<RequestOutcome> Completion)> _byIndex = [];

    public int Count => _byIndex.Count;

    public void Add(ulong index, ulong term, TaskCompletionSource<RequestOutcome> completion) => _byIndex[index] = (term, completion);

    /// <summary>The entry at <paramref name="index"/> was applied with <paramref name="term"/> and <paramref name="result"/>.</summary>
    public void Applied(ulong index, ulong term, ApplyResult result)
    {
        if (!_byIndex.Remove(index, out var waiter))
        {
            return;
        }
        // Another term at our index: our entry lost to a newer leader's. An index holds one entry for good once
        // applied (Log Matching), so ours can never be applied anywhere: a definite failure, not an unknown.
        waiter.Completion.TrySetResult(waiter.Term == term
            ? RequestOutcome.Done(result)
            : RequestOutcome.Failed($"the proposal at index {index} (term {waiter.Term}) was overwritten by term {term}'s entry"));
    }

    /// <summary>Ends every waiter with an ambiguous outcome (leadership lost, node stopping, snapshot installed).</summary>
    public int FailAll(string reason)
    {
        var count = _byIndex.Count;
        foreach (var (_, waiter) in _byIndex)
        {
            waiter.Completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        _byIndex.Clear();
        return count;
    }
}
