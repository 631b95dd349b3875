using RaftChaos.Simulation.Network;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// The fault mix of one run, chosen by its seed from <see cref="FaultProfiles"/>: network conditions during the main
/// phase, how often faults start and how long they hold, weights of each fault kind, clock drift, and core flow-control
/// settings (small appends and inflight windows make leader changes interleave with replication, Figure 8's pattern).
/// Times in ns; a weight of 0 disables that fault.
/// </summary>
public sealed record FaultProfile
{
    /// <summary>A short name, printed with a failing seed.</summary>
    public required string Name { get; init; }

    /// <summary>How often seeds pick this profile, relative to the others. Default 1.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Network conditions during the main phase.</summary>
    public NetworkConditions Network { get; init; } = NetworkConditions.Calm;

    /// <summary>Pause between faults of one nemesis stream, uniform in [min, max].</summary>
    public long IntervalMin { get; init; } = 1_000_000_000;

    /// <inheritdoc cref="IntervalMin"/>
    public long IntervalMax { get; init; } = 4_000_000_000;

    /// <summary>How long a fault holds before it is healed, uniform in [min, max].</summary>
    public long HoldMin { get; init; } = 1_000_000_000;

    /// <inheritdoc cref="HoldMin"/>
    public long HoldMax { get; init; } = 5_000_000_000;

    /// <summary>Partitions of every shape (network stream).</summary>
    public double PartitionWeight { get; init; }

    /// <summary>Crash one random node, restart it after the hold (process stream).</summary>
    public double CrashWeight { get; init; }

    /// <summary>Crash the leader (process stream).</summary>
    public double LeaderCrashWeight { get; init; }

    /// <summary>Crash a majority or all nodes at once, as a power failure does, and restart them (process stream).</summary>
    public double PowerFailureWeight { get; init; }

    /// <summary>Ask the leader to hand over to a random node (process stream).</summary>
    public double TransferWeight { get; init; }

    /// <summary>Remove a follower from the voters, then add it back (process stream); see <see cref="WipeRemovedProbability"/>.</summary>
    public double MembershipWeight { get; init; }

    /// <summary>Chance that a removed node's store is wiped before it is added back, so it rejoins empty and needs a snapshot.</summary>
    public double WipeRemovedProbability { get; init; } = 0.5;

    /// <summary>
    /// Chance that the leader is asked to remove a second follower right after the first, before the first commits: a
    /// correct leader refuses (one change at a time); under membership-on-append it takes both. 0 draws nothing.
    /// </summary>
    public double SecondRemovalProbability { get; init; }

    /// <summary>Change clock rates (process stream).</summary>
    public double ClockWeight { get; init; }

    /// <summary>Chance that a node crashes right after durably granting a vote, and restarts at once.</summary>
    public double CrashAfterVoteProbability { get; init; }

    /// <summary>Chance that a node that just won an election is cut off from all others at once, before its first appends arrive (Figure 8's leader whose entry stays on a minority).</summary>
    public double IsolateNewLeaderProbability { get; init; }

    /// <summary>When the isolation of a new leader is delayed (half the time), the longest delay.</summary>
    public long IsolateNewLeaderDelayMax { get; init; } = 500_000_000;

    /// <summary>Chance that a planned partition cuts off the leader (alone or with a minority) rather than a random shape.</summary>
    public double LeaderPartitionBias { get; init; }

    /// <summary>Clock rates are drawn in [1/d, d] (log-uniform); 1 means no drift.</summary>
    public double MaxDrift { get; init; } = 1.0;

    /// <summary>Core's MaxSizePerMessage, bytes (one command is about 27 bytes).</summary>
    public long MaxSizePerMessage { get; init; } = 1 << 20;

    /// <summary>Core's MaxInflightMessages.</summary>
    public int MaxInflightMessages { get; init; } = 256;

    /// <summary>Fewest applied entries between two snapshots of a node's state machine; the seed draws in [min, max].</summary>
    public int SnapshotIntervalMin { get; init; } = 20;

    /// <inheritdoc cref="SnapshotIntervalMin"/>
    public int SnapshotIntervalMax { get; init; } = 100;

    /// <summary>Client workers.</summary>
    public int Workers { get; init; } = 5;

    /// <summary>Registers the clients use. More keys keep each key's history small enough to check quickly when clients are busy.</summary>
    public int Keys { get; init; } = 3;

    /// <summary>Share of client reads.</summary>
    public double ReadFraction { get; init; } = 0.5;

    /// <summary>Upper bound of a worker's think time.</summary>
    public long MaxThinkTime { get; init; } = 200_000_000;
}
