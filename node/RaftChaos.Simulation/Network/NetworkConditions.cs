namespace RaftChaos.Simulation.Network;

/// <summary>How the simulated network treats each node-to-node message (partitions are separate: see <see cref="Grudge"/>).</summary>
/// <param name="MinDelay">Shortest one-way delay, ns.</param>
/// <param name="MaxDelay">Longest ordinary one-way delay, ns; delays are uniform in [min, max], so messages reorder.</param>
/// <param name="DropProbability">Chance a message is lost.</param>
/// <param name="DuplicateProbability">Chance a message is delivered twice (each copy with its own delay).</param>
/// <param name="LongDelayProbability">Chance a message is held much longer (up to <paramref name="LongDelayMax"/>): the reordering a retransmission or a stalled queue causes.</param>
/// <param name="LongDelayMax">Longest such delay, ns.</param>
public sealed record NetworkConditions(
    long MinDelay,
    long MaxDelay,
    double DropProbability,
    double DuplicateProbability,
    double LongDelayProbability,
    long LongDelayMax)
{
    /// <summary>A quiet LAN: 0.2–2 ms, nothing lost. Used after the main phase, to heal.</summary>
    public static NetworkConditions Calm { get; } = new(200_000, 2_000_000, 0, 0, 0, 0);
}
