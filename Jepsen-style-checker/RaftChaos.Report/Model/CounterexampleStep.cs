namespace RaftChaos.Report.Model;

/// <summary>One step of a linearizable prefix.</summary>
/// <param name="Position">1-based position in the linearization.</param>
/// <param name="Operation">The operation id.</param>
/// <param name="Description">e.g. <c>p3 write 5</c>.</param>
/// <param name="StateAfter">The model state after it.</param>
public sealed record CounterexampleStep(int Position, int Operation, string Description, string StateAfter);
