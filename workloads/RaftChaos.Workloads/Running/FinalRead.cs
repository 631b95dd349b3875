using RaftChaos.Workloads.Clients;

namespace RaftChaos.Workloads.Running;

/// <summary>The last attempt of the final read of one key on one node.</summary>
/// <param name="Node">The node (<see cref="IKvEndpoint.Node"/>).</param>
/// <param name="Key">The history key.</param>
/// <param name="Attempts">Read operations issued for this key on this node (each in the history).</param>
/// <param name="Outcome">The last attempt's outcome; for ok, <see cref="OperationOutcome.Observed"/> is the value.</param>
public sealed record FinalRead(string Node, string? Key, int Attempts, OperationOutcome Outcome);
