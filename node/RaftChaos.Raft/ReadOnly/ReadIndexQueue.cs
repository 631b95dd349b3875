namespace RaftChaos.Raft.ReadOnly;

/// <summary>
/// Reads waiting for leadership confirmation (dissertation §6.4). A read is safe once a quorum acknowledged a
/// heartbeat round sent after it arrived: no other leader could have committed anything then.
/// Invariant: rounds are non-decreasing from head to tail (requests are queued with the next round).
/// </summary>
internal sealed class ReadIndexQueue
{
    private readonly Queue<PendingRead> _pending = new();

    public int Count => _pending.Count;

    public void Add(PendingRead read) => _pending.Enqueue(read);

    /// <summary>Removes and returns the reads whose round is ≤ <paramref name="ackedRound"/>, oldest first.</summary>
    public List<PendingRead> ReleaseUpTo(ulong ackedRound)
    {
        var released = new List<PendingRead>();
        while (_pending.Count > 0 && _pending.Peek().Round <= ackedRound)
        {
            released.Add(_pending.Dequeue());
        }

        return released;
    }

    /// <summary>Drops every pending read (leadership lost: the callers time out and retry).</summary>
    public void Clear() => _pending.Clear();
}
