namespace RaftChaos.Controller.Targets;

/// <summary>Node <paramref name="Index"/> (0-based) of a cluster, with its id (n1..nN).</summary>
/// <param name="Id">The node id as grudges, histories and logs name it.</param>
/// <param name="Index">0-based position.</param>
public sealed record NodeSlot(string Id, int Index);
