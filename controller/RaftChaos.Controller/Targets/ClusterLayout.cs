using System.Net;

namespace RaftChaos.Controller.Targets;

/// <summary>Where every member of a cluster lives, so that node i can be told its peers.</summary>
/// <param name="RunId">The run id (labels, names).</param>
/// <param name="Nodes">Every member in order, with its address on the run network.</param>
/// <param name="Seed">The run's seed, for anything inside a node that draws random numbers (failpoint coins).</param>
public sealed record ClusterLayout(string RunId, IReadOnlyList<(NodeSlot Node, IPAddress Address)> Nodes, int Seed);
