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
public sealed record ClusterLayout(string RunId, IReadOnlyList<(NodeSlot Node, IPAddress Address)> Nodes, string Image, int Seed, FaketimeOptions? Faketime = null);
