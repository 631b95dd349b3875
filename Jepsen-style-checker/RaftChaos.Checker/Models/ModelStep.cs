using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// A model's transition function, pure: whether <paramref name="operation"/> may take effect in
/// <paramref name="state"/>, and the state after it. For an <see cref="OperationStatus.Info"/> operation the output is
/// unknown, so the step must be legal whenever the operation's effect is possible.
/// </summary>
public delegate bool ModelStep<TState>(TState state, Operation operation, out TState next);
