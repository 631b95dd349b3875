namespace RaftChaos.Netem;

/// <summary>
/// How long each queued packet is held: <c>delay ± jitter</c>, uniform, never below zero, drawn from a SplitMix64
/// stream seeded by the run (so the n-th packet of a fault always gets the same hold). When the jitter is larger than
/// the gap between two packets, a later packet can leave first: that is the reordering. Pure: no clock.
/// </summary>
internal sealed class HoldTimes
{
    private readonly long _delayMicros;
    private readonly long _jitterMicros;
    private ulong _state;

    /// <summary>Holds of <paramref name="delayMicros"/> ± <paramref name="jitterMicros"/> drawn from <paramref name="seed"/>.</summary>
    public HoldTimes(long delayMicros, long jitterMicros, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMicros);
        ArgumentOutOfRangeException.ThrowIfNegative(jitterMicros);
        _delayMicros = delayMicros;
        _jitterMicros = jitterMicros;
        _state = seed;
    }

    /// <summary>The hold of the next packet, in microseconds.</summary>
    public long Next()
    {
        if (_jitterMicros == 0)
        {
            return _delayMicros;
        }

        var span = (ulong)((2 * _jitterMicros) + 1);
        var offset = (long)(SplitMix64.Next(ref _state) % span) - _jitterMicros;
        return Math.Max(0, _delayMicros + offset);
    }
}
