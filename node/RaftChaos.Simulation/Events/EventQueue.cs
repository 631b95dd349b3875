namespace RaftChaos.Simulation.Events;

/// <summary>
/// The discrete-event clock of one simulation: actions ordered by (time, insertion sequence), so two events at the
/// same simulated nanosecond always run in the order they were scheduled. That tie-break is what makes a seed replay
/// exactly; nothing here reads a real clock.
/// </summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<Action, (long Time, long Sequence)> _queue = new();
    private long _sequence;

    /// <summary>Simulated nanoseconds since the start of the run. Never decreases.</summary>
    public long Now { get; private set; }

    /// <summary>Events waiting to run.</summary>
    public int Count => _queue.Count;

    /// <summary>Events run so far.</summary>
    public long Processed { get; private set; }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="time"/> (clamped to now: the past cannot be scheduled).</summary>
    public void At(long time, Action action) => _queue.Enqueue(action, (Math.Max(time, Now), _sequence++));

    /// <summary>Schedules <paramref name="action"/> <paramref name="delay"/> nanoseconds from now.</summary>
    public void After(long delay, Action action) => At(Now + Math.Max(0, delay), action);

    /// <summary>Runs events in order while they are due at or before <paramref name="until"/> and <paramref name="stop"/> is false; then sets the clock to <paramref name="until"/> unless stopped.</summary>
    public void RunUntil(long until, Func<bool>? stop = null)
    {
        while (_queue.TryPeek(out var action, out var key) && key.Time <= until)
        {
            if (stop is not null && stop())
            {
                return;
            }

            _queue.Dequeue();
            Now = key.Time;
            Processed++;
            action();
        }

        if (stop is null || !stop())
        {
            Now = Math.Max(Now, until);
        }
    }
}
