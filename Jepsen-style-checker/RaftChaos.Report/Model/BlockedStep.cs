namespace RaftChaos.Report.Model;

/// <summary>An operation that cannot come right after a counterexample's prefix.</summary>
/// <param name="Operation">The operation id.</param>
/// <param name="Description">e.g. <c>p1 read -> 4</c>.</param>
/// <param name="Reason">Why, from the checker.</param>
/// <param name="LegalNext">True when the model allows it next but no complete linearization follows.</param>
public sealed record BlockedStep(int Operation, string Description, string Reason, bool LegalNext);
