namespace RaftChaos.Checker;

/// <summary>
/// Why one key is not linearizable: the longest linearizable prefix the search found, and the operations that could
/// not come next (each completed operation still pending there must take effect before the earliest pending completion,
/// and none of them can). Plain data, for the CLI and the HTML report.
/// </summary>
/// <param name="Key">The key (null: the single register).</param>
/// <param name="LongestPrefix">Operations in linearization order with the state after each.</param>
/// <param name="StateAfterPrefix">The state at the end of the prefix (the initial state when the prefix is empty).</param>
/// <param name="CannotFollow">Completed operations pending after the prefix, none of which can be linearized next.</param>
public sealed record Counterexample(
    string? Key,
    IReadOnlyList<LinearizedStep> LongestPrefix,
    string StateAfterPrefix,
    IReadOnlyList<BlockedOperation> CannotFollow);
