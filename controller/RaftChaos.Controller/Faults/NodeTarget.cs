using System.Net;

namespace RaftChaos.Controller.Faults;

/// <summary>A node container a fault acts on: the node id used in grudges and histories, its container, its address on the run network.</summary>
public sealed record NodeTarget(string NodeId, string ContainerId, IPAddress Address);
