using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Raft;

/// <summary>
/// Linearizable reads in their three stages, owned by the Raft loop: deferred (the new leader has not yet
/// committed an entry of its term, so ReadIndex is refused for now), issued (waiting for the core's
/// ReadState with their context), and confirmed (waiting for the state machine to reach the read index).
/// </summary>
internal sealed class PendingReads
{
    private readonly List<(string Key, TaskCompletionSource<RequestOutcome> Completion)> _deferred = [];
    private readonly Dictionary<ulong, (string Key, TaskCompletionSource<RequestOutcome> Completion)> _issued = [];
    private readonly PriorityQueue<(string Key, TaskCompletionSource<RequestOutcome> Completion), ulong> _confirmed = new();
    private ulong _nextContext;

    public int Count => _deferred.Count + _issued.Count + _confirmed.Count;

    /// <summary>A fresh context for ReadIndex (1, 2, ...; 0 would read as "no context").</summary>
    public ulong NextContext() => ++_nextContext;

    public void Defer(string key, TaskCompletionSource<RequestOutcome> completion) => _deferred.Add((key, completion));

    /// <summary>Takes the deferred reads out, to issue them again.</summary>
    public List<(string Key, TaskCompletionSource<RequestOutcome> Completion)> TakeDeferred()
    {
        var taken = new List<(string, TaskCompletionSource<RequestOutcome>)>(_deferred);
        _deferred.Clear();
        return taken;
    }

    public bool HasDeferred => _deferred.Count > 0;

    public void Issued(ulong context, string key, TaskCompletionSource<RequestOutcome> completion) => _issued[context] = (key, completion);

    /// <summary>The core confirmed the read with <paramref name="context"/> at <paramref name="index"/>.</summary>
    public void Confirmed(ulong context, ulong index)
    {
        if (_issued.Remove(context, out var read))
        {
            _confirmed.Enqueue(read, index);
        }
    }

    /// <summary>Answers every confirmed read whose index is at most <paramref name="applied"/>.</summary>
    public void Serve(ulong applied, KvStateMachine stateMachine)
    {
        while (_confirmed.TryPeek(out var read, out var index) && index <= applied)
        {
            _confirmed.Dequeue();
            read.Completion.TrySetResult(RequestOutcome.Done(stateMachine.Read(read.Key)));
        }
    }

    /// <summary>Ends every read not yet answered. Reads change nothing, so this is harmless for the client.</summary>
    public int FailAll(string reason)
    {
        var count = Count;
        foreach (var (_, completion) in _deferred)
        {
            completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        foreach (var (_, (_, completion)) in _issued)
        {
            completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        while (_confirmed.TryDequeue(out var read, out _))
        {
            read.Completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        _deferred.Clear();
        _issued.Clear();
        return count;
    }
}
