using RaftChaos.Checker.History;

namespace RaftChaos.Checker;

/// <summary>One operation of a linearizable prefix and the model state right after it.</summary>
/// <param name="Operation">The operation, as paired from the history.</param>
/// <param name="StateAfter">The model's description of the state after it took effect.</param>
public sealed record LinearizedStep(Operation Operation, string StateAfter);
