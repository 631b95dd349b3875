namespace RaftChaos.Workloads.Tests.Support;

/// <summary>A TimeProvider whose timestamps move only when told (nanosecond ticks). Timers are not faked.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long now = 1_000_000;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref now);

    public void Advance(TimeSpan by) => Interlocked.Add(ref now, by.Ticks * 100);

    public void StepBack(TimeSpan by) => Interlocked.Add(ref now, -by.Ticks * 100);
}
