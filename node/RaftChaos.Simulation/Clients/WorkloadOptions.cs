namespace RaftChaos.Simulation.Clients;

/// <summary>What the simulated clients do. Defaults suit a 30-second run checked in well under a second.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Concurrent client workers (each is one logical process at a time). Default 5.</summary>
    public int Workers { get; init; } = 5;

    /// <summary>Registers, named k0, k1, ... Default 3.</summary>
    public int Keys { get; init; } = 3;

    /// <summary>Share of reads; the rest splits between writes and cas 2:1. Default 0.5.</summary>
    public double ReadFraction { get; init; } = 0.5;

    /// <summary>Pause between a worker's operations, uniform in [0, this], ns. Default 200 ms.</summary>
    public long MaxThinkTime { get; init; } = 200_000_000;

    /// <summary>A worker gives up on an operation after this long, ns: info for writes, fail for reads. Default 1 s.</summary>
    public long OperationTimeout { get; init; } = 1_000_000_000;

    /// <summary>Chance a worker sends to a random node rather than the leader it last heard of (reads from followers and stale leaders are how stale reads show). Default 0.3.</summary>
    public double RandomNodeProbability { get; init; } = 0.3;

    /// <summary>One-way client↔node latency bounds, ns. Partitions cut node-to-node traffic only (as DESIGN.md says), so clients always get through. Default 0.1–1 ms.</summary>
    public long MinLinkDelay { get; init; } = 100_000;

    /// <inheritdoc cref="MinLinkDelay"/>
    public long MaxLinkDelay { get; init; } = 1_000_000;
}
