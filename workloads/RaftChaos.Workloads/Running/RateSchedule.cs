namespace RaftChaos.Workloads.Running;

/// <summary>
/// When one process issues its operations: on average every <see cref="Interval"/>, each gap jittered uniformly in
/// [0.5, 1.5] × interval so that processes do not fire in lockstep. Pure apart from its seeded <see cref="Random"/>,
/// so the rate can be tested by simulating the schedule in fake time. A process that falls behind (a slow operation)
/// issues its next operation at once but does not build up a burst of missed ones: load drops when the cluster is
/// slow, as it does for real clients.
/// </summary>
public sealed class RateSchedule
{
    private readonly Random random;

    /// <summary>Creates a schedule of <paramref name="operationsPerSecond"/> for one process.</summary>
    public RateSchedule(double operationsPerSecond, Random random)
    {
        if (!double.IsFinite(operationsPerSecond) || operationsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(operationsPerSecond), operationsPerSecond, "the rate must be a positive number");
        }

        ArgumentNullException.ThrowIfNull(random);
        this.random = random;
        Interval = TimeSpan.FromSeconds(1 / operationsPerSecond);
    }

    /// <summary>The mean gap between two operations of this process.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The first operation's time (from the run's start): uniform in [0, interval), to spread processes out.</summary>
    public TimeSpan First() => Interval * random.NextDouble();

    /// <summary>The next operation's time, given the previous one's planned time and the time now.</summary>
    public TimeSpan Next(TimeSpan previous, TimeSpan now)
    {
        var planned = previous + Interval * (0.5 + random.NextDouble());
        return planned > now ? planned : now;
    }
}
