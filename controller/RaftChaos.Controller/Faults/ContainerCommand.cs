namespace RaftChaos.Controller.Faults;

/// <summary>One planned command for one node's container: the data a fault turns into before it is applied at the edge.</summary>
public sealed record ContainerCommand(string NodeId, string ContainerId, IReadOnlyList<string> Command);
