using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// Settings of <see cref="RaftCluster.StartAsync(ClusterOptions?, CancellationToken)"/>. Immutable (a variant is made
/// with <c>with</c>), defaults documented per property, validated once when the cluster starts. What runs in the node
/// containers is the <see cref="Target"/>'s business.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>Number of nodes, n1..nN. Default: 3. From 1 to 9.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>The system under test: its image, node containers, clients and status. Default: our own node (<see cref="RaftChaosTarget"/>).</summary>
    public ISystemUnderTest Target { get; init; } = new RaftChaosTarget();

    /// <summary>The run's seed, handed to the target for anything a node draws at random (node i's failpoint coins use Seed + i). Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The engine the cluster runs on when the caller gives no connected engine. Default: null, the one the environment
    /// names (DOCKER_HOST, else the local socket).
    /// </summary>
    public EngineEndpoint? Engine { get; init; }

    /// <summary>
    /// The engines of a cluster that spans engines (docs/multi-engine.md): nodes are placed round-robin over them (n1 on the
    /// first, n2 on the second, ...), each engine gets a run network of its own, and peers reach each other at their
    /// engine's host address and published peer port. Default: empty, the cluster lives wholly on one engine
    /// (<see cref="Engine"/>'s). One entry means that one engine. With two or more, the first is the cluster's main
    /// engine: a connection handed to <c>StartAsync</c> must be to it, and <see cref="Engine"/>, when set, must name it.
    /// </summary>
    public IReadOnlyList<EngineEndpoint> Engines { get; init; } = [];

    /// <summary>True when the nodes are spread over two or more engines.</summary>
    public bool SpansEngines => Engines.Count > 1;

    /// <summary>The engine named for the cluster (its only one, or the first of a spanning cluster's), or null: the environment's.</summary>
    public EngineEndpoint? MainEngine => Engine ?? (Engines.Count > 0 ? Engines[0] : null);

    /// <summary>The run id every container and the network are labelled with. Default: null, a fresh one.</summary>
    public string? RunId { get; init; }

    /// <summary>Time allowed from container start to every node answering (and, with leader discovery, one leader every node names). Default: 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline of one status call. Default: 1 s (a paused or partitioned node must not stall the poller).</summary>
    public TimeSpan StatusTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Run the node processes under libfaketime so clock faults can be applied. Default: true; ignored (off) for a target
    /// without <see cref="TargetCapabilities.Clock"/>. A run without a clock nemesis turns it off: the preload costs our
    /// node about 1.4 s of start-up (1.6 s → 2.9 s to a single-node leader, measured here) and every clock read goes
    /// through the library.
    /// </summary>
    public bool ClockFaults { get; init; } = true;

    /// <summary>libfaketime settings for the clock faults; the target puts their environment in its containers. Default: their defaults.</summary>
    public FaketimeOptions Faketime { get; init; } = new();

    /// <summary>
    /// The image of the helper containers that apply network faults from inside each node's network namespace; it
    /// needs iptables and iproute2 (and ping and nc for tests). Default: <see cref="NodeImage.BaseImage"/>.
    /// </summary>
    public string NetworkHelperImage { get; init; } = NodeImage.BaseImage;

    /// <summary>
    /// Before starting, remove what crashed controllers on this host left (runs whose controller process is gone, see
    /// <see cref="StaleRunReaper"/>). Runs of live controllers, including other users' tests, are never touched. Default: true.
    /// </summary>
    public bool ReapStaleRuns { get; init; } = true;

    /// <summary>True when the nodes run under libfaketime: asked for, and the target can take it.</summary>
    public bool EffectiveClockFaults => ClockFaults && Target.Capabilities.HasFlag(TargetCapabilities.Clock);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Nodes is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "must be from 1 to 9");
        ArgumentNullException.ThrowIfNull(Target);
        if (RunId is not null) RunLabels.ValidateRunId(RunId);
        if (StartTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "must be positive");
        if (StatusTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StatusTimeout), StatusTimeout, "must be positive");
        ArgumentException.ThrowIfNullOrEmpty(NetworkHelperImage);
        Faketime.Validate();
        ArgumentNullException.ThrowIfNull(Engines);
        if (Engines.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != Engines.Count)
            throw new ArgumentException("an engine is named twice", nameof(Engines));
        if (Engine is not null && Engines.Count > 0 && Engine != Engines[0])
            throw new ArgumentException($"Engine ({Engine}) must be the first of Engines ({Engines[0]}) or unset", nameof(Engine));
        if (SpansEngines)
        {
            if (Nodes < Engines.Count)
                throw new ArgumentException($"{Nodes} node(s) cannot span {Engines.Count} engines: give at least one node per engine", nameof(Nodes));
            if (Target.PeerPort is null)
                throw new ArgumentException($"target '{Target.Name}' names no peer port (ISystemUnderTest.PeerPort), so its nodes cannot be told where peers on another engine listen", nameof(Engines));
        }
    }
}
