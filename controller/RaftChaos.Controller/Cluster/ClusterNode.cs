using System.Net;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Cluster;

/// <summary>One node container of a <see cref="RaftCluster"/>.</summary>
/// <param name="Id">The node id (n1, n2, ...), as in grudges and histories.</param>
/// <param name="Index">0-based position; the node's address on the run network is fixed by it.</param>
/// <param name="ContainerId">The engine's container id.</param>
/// <param name="ContainerName">raftchaos-RUNID-nX.</param>
/// <param name="Address">The fixed address on the run network (peers reach the node there).</param>
/// <param name="ClientAddress">The client port published at the engine's host address, e.g. http://127.0.0.1:20417 for a local engine (fixed for the cluster's life, also across restarts).</param>
/// <param name="PublishedPeer">
/// On a cluster that spans engines, where peers reach the node: its engine's host address and published peer port
/// (e.g. 192.0.2.2:23117); null on one engine, where peers reach it at <paramref name="Address"/>.
/// </param>
/// <param name="Engine">The engine that holds the node (null only for a node made outside a cluster).</param>
public sealed record ClusterNode(string Id, int Index, string ContainerId, string ContainerName, IPAddress Address, Uri ClientAddress,
    IPEndPoint? PublishedPeer = null, EngineEndpoint? Engine = null)
{
    /// <summary>The node as the target sees it.</summary>
    public NodeSlot Slot => new(Id, Index);

    /// <summary>The node container, as the fault primitives that act on it take it (kill, pause, clock).</summary>
    public NodeTarget Target => new(Id, ContainerId, Address, PublishedPeer);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({ClientAddress})";
}
