using System.Net;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Targets;

/// <summary>Where every member of a cluster lives, so that node i can be told its peers, and what the run will do to it.</summary>
/// <param name="RunId">The run id (labels, names).</param>
/// <param name="Nodes">Every member in order, with its address on the run network.</param>
/// <param name="Image">The image tag the target's <see cref="ISystemUnderTest.EnsureImageAsync"/> returned for this cluster.</param>
/// <param name="Seed">The run's seed, for anything inside a node that draws random numbers (failpoint coins).</param>
/// <param name="Faketime">
/// Non-null when the run may skew clocks: the target runs its node process under libfaketime with
/// <see cref="FaketimeOptions.ContainerEnvironment"/> (the controller rewrites the control file those settings name).
/// Null: no clock faults, real time by construction.
/// </param>
/// <param name="PublishedPeers">
/// On a cluster that spans engines, node i's published peer endpoint (its engine's host address and the host port its
/// <see cref="ISystemUnderTest.PeerPort"/> is published on), in node order; null on one engine. Read it through
/// <see cref="PeerEndpoint"/>.
/// </param>
public sealed record ClusterLayout(
    string RunId, IReadOnlyList<(NodeSlot Node, IPAddress Address)> Nodes, string Image, int Seed, FaketimeOptions? Faketime = null,
    IReadOnlyList<IPEndPoint>? PublishedPeers = null)
{
    /// <summary>True when the nodes are spread over several engines and reach each other through published ports.</summary>
    public bool SpansEngines => PublishedPeers is not null;

    /// <summary>
    /// Where the peers of node <paramref name="index"/> reach it: its address on the run network and
    /// <paramref name="peerPort"/> (the port it listens on for peers in its container) on one engine; its engine's host
    /// address and published peer port on a cluster that spans engines. What a target writes into its peer lists.
    /// </summary>
    public IPEndPoint PeerEndpoint(int index, int peerPort) => PublishedPeers is { } published
        ? published[index]
        : new IPEndPoint(Nodes[index].Address, peerPort);
}
