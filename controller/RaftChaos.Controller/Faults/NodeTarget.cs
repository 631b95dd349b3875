using System.Net;

namespace RaftChaos.Controller.Faults;

/// <summary>A node container a fault acts on: the node id used in grudges and histories, its container, its address on the run network.</summary>
/// <param name="NodeId">The node id (n1, n2, ...).</param>
/// <param name="ContainerId">The engine's container id (on the engine that holds the node).</param>
/// <param name="Address">The node's address on its run network.</param>
/// <param name="PublishedPeer">
/// On a cluster that spans engines, where peers reach the node: its engine's host address and the host port its peer
/// port is published on (several nodes share one host address, so the port tells them apart). Null on one engine, where
/// peers reach it at <paramref name="Address"/>.
/// </param>
public sealed record NodeTarget(string NodeId, string ContainerId, IPAddress Address, IPEndPoint? PublishedPeer = null);
