namespace RaftChaos.Raft.ReadOnly;

/// <summary>
/// A leader's lease for the <c>lease-reads</c> bug, measured on its own tick counter: when a quorum acknowledges
/// heartbeat round r, sent at tick t, none of those followers will vote for another candidate before
/// t + ElectionTick of <em>their</em> ticks (CheckQuorum). Assuming all clocks tick at one rate, the leader may
/// serve reads alone until then. Clock drift breaks that assumption, which is the point of the bug.
/// </summary>
internal sealed class LeaderLease
{
    private readonly Queue<(ulong Round, long Tick)> _sent = new();
    private long _start = long.MinValue;

    /// <summary>Remembers that heartbeat round <paramref name="round"/> left at tick <paramref name="tick"/>.</summary>
    public void RoundSent(ulong round, long tick) => _sent.Enqueue((round, tick));

    /// <summary>A quorum acknowledged rounds up to <paramref name="round"/>: the lease now starts at that round's send tick.</summary>
    public void QuorumAcked(ulong round)
    {
        while (_sent.Count > 0 && _sent.Peek().Round <= round)
        {
            var (_, tick) = _sent.Dequeue();
            _start = Math.Max(_start, tick);
        }
    }

    /// <summary>True while <paramref name="now"/> is within <paramref name="duration"/> ticks of the lease start.</summary>
    public bool IsValid(long now, int duration) => _start != long.MinValue && now < _start + duration;

    public void Reset()
    {
        _sent.Clear();
        _start = long.MinValue;
    }
}
