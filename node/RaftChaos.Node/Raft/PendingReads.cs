using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Raft;

/// <summary>
/// Linearizable reads in their three stages, owned by the Raft loop: deferred (the new leader has not yet
/// committed an entry of its term, so ReadIndex is refused for now), issued (waiting for the core's
/// ReadState with their context), and confirmed (waiting for the state machine to reach the read index).
/// On a follower the core forwards ReadIndex to the leader and nothing tells us when the request or its answer
/// was lost, so issued reads carry their tick of issue: they are resent now and then and failed at a deadline.
/// </summary>
internal sealed class PendingReads
{
    private readonly List<(string Key, TaskCompletionSource<RequestOutcome> Completion)> _deferred = [];
    private readonly Dictionary<ulong, IssuedRead> _issued = [];
    private readonly PriorityQueue<(string Key, TaskCompletionSource<RequestOutcome> Completion), ulong> _confirmed = new();
    // Contexts start at a random point so that a ReadIndex response addressed to an earlier incarnation of this
    // process (still queued at the leader when we restarted) cannot confirm a new read with an old index.
    private ulong _nextContext = (ulong)Random.Shared.NextInt64(1, long.MaxValue / 2);

    public int Count => _deferred.Count + _issued.Count + _confirmed.Count;

    /// <summary>A fresh context for ReadIndex (never 0, which would read as "no context").</summary>
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

    public void Issued(ulong context, string key, TaskCompletionSource<RequestOutcome> completion, long now) =>
        _issued[context] = new IssuedRead(key, completion, now, now);

    /// <summary>
    /// Contexts of issued reads last sent at least <paramref name="interval"/> ticks before <paramref name="now"/>,
    /// marked as sent now. Resending with the same context is safe: whichever answer comes first serves the read
    /// (every answer is an index the leader confirmed after the read began), later ones find nothing.
    /// </summary>
    public List<ulong> DueForResend(long now, long interval)
    {
        var due = new List<ulong>();
        foreach (var (context, read) in _issued)
        {
            if (now - read.SentAt >= interval)
            {
                due.Add(context);
            }
        }
        foreach (var context in due)
        {
            _issued[context] = _issued[context] with { SentAt = now };
        }
        return due;
    }

    /// <summary>Fails the issued reads older than <paramref name="timeout"/> ticks; returns how many.</summary>
    public int Expire(long now, long timeout, string reason)
    {
        var expired = _issued.Where(r => now - r.Value.IssuedAt >= timeout).Select(r => r.Key).ToList();
        foreach (var context in expired)
        {
            _issued.Remove(context, out var read);
            read.Completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        return expired.Count;
    }

    /// <summary>
    /// Fails the reads still waiting for a ReadState (the leader they were sent to is gone, so no answer will
    /// come); confirmed reads stay, their index was confirmed by a leader after they began.
    /// </summary>
    public int FailIssued(string reason)
    {
        var count = _issued.Count;
        foreach (var read in _issued.Values)
        {
            read.Completion.TrySetResult(RequestOutcome.Unavailable(reason));
        }
        _issued.Clear();
        return count;
    }

    /// <summary>The core confirmed the read with <paramref name="context"/> at <paramref name="index"/>.</summary>
    public void Confirmed(ulong context, ulong index)
    {
        if (_issued.Remove(context, out var read))
        {
            _confirmed.Enqueue((read.Key, read.Completion), index);
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
        foreach (var read in _issued.Values)
        {
            read.Completion.TrySetResult(RequestOutcome.Unavailable(reason));
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
