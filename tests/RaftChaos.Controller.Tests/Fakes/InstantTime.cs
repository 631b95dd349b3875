namespace RaftChaos.Controller.Tests.Fakes;

/// <summary>A clock that jumps to the end of every wait at once: a schedule of minutes runs in milliseconds, its order intact.</summary>
public sealed class InstantTime : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    /// <summary>Time passing inside a step (a fault that takes this long to apply or heal).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);

    /// <summary>The time since the clock was made.</summary>
    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _now));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Add(ref _now, Math.Max(0, dueTime.Ticks));
        // Fired from the pool, after the caller has its timer (Task.Delay disposes it from the callback).
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
