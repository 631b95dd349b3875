using System.Net;
using Microsoft.Extensions.Logging;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Networking;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// One engine of a <see cref="RaftCluster"/> and what the cluster keeps there: the connection, the run network, the
/// network helpers and the fault primitives bound to that engine. Every fault on a node goes through the site of the
/// engine that holds it; a cluster on one engine has one site.
/// </summary>
internal sealed class EngineSite(DockerEngine engine, bool ownsEngine, string runId, ClusterOptions options, ILogger logger)
{
    /// <summary>The connection to the engine.</summary>
    public DockerEngine Engine { get; } = engine;

    /// <summary>True when the cluster connected to this engine itself, and so disposes the connection.</summary>
    public bool OwnsEngine { get; } = ownsEngine;

    /// <summary>The run network on this engine (set once, while the cluster starts).</summary>
    public RunNetwork Network { get; set; } = null!;

    /// <summary>
    /// On a cluster that spans engines, the address every engine's containers reach this engine's published ports at
    /// (<see cref="Networking.PeerHost"/>); null on one engine.
    /// </summary>
    public IPAddress? PeerHost { get; set; }

    /// <summary>The helpers in the network namespaces of this engine's nodes.</summary>
    public NetworkHelpers Helpers { get; } = new(engine, runId, options.NetworkHelperImage, logger);

    /// <summary>SIGKILL and start of this engine's node containers.</summary>
    public ContainerKill Kill { get; } = new(engine, logger);

    /// <summary>Freezing and thawing this engine's node containers.</summary>
    public ContainerPause Pause { get; } = new(engine, logger);

    /// <summary>The libfaketime control files in this engine's node containers.</summary>
    public FaketimeClock Clock { get; } = new(engine, options.Faketime, logger);

    /// <summary>The disk-fault files in this engine's node containers.</summary>
    public DiskFaultFile Disk { get; } = new(engine, logger);

    /// <summary>
    /// Where ports are published: on a cluster that spans engines, a local engine publishes on the peer host address
    /// (the other engines' containers connect there; 127.0.0.1 would be their own loopback); otherwise the endpoint's
    /// choice (127.0.0.1 for a local engine, every interface for a remote one).
    /// </summary>
    public string PublishAddress => PeerHost is { } host && Engine.Endpoint.IsLocal ? host.ToString() : Engine.Endpoint.PublishAddress;

    /// <summary>The host the controller's clients use for this engine's published ports.</summary>
    public string ClientHost => PeerHost is { } host && Engine.Endpoint.IsLocal ? host.ToString() : Engine.Endpoint.HostAddress;
}
