using RaftChaos.Checker.History;

namespace RaftChaos.Checker;

/// <summary>An operation that could not be linearized right after a counterexample's prefix.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Reason">Why: illegal in that state, or legal but leading to no complete linearization.</param>
/// <param name="LegalNext">Whether the model allowed it as the next step (then the dead end lies further on).</param>
public sealed record BlockedOperation(Operation Operation, string Reason, bool LegalNext);
