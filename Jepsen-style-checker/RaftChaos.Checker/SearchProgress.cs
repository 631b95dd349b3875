namespace RaftChaos.Checker;

/// <summary>
/// How far the search got on a key it could not decide (time or memory bound, or cut short because another key is not
/// linearizable). Plain data, for the CLI and the HTML report, which can show the prefix as it does a counterexample's.
/// </summary>
/// <param name="Key">The key (null: the single register).</param>
/// <param name="SearchedOperations">Operations the search had to place or could place: ok ones, and info ones that may change the state.</param>
/// <param name="LinearizedOperations">The length of the longest linearizable prefix found, i.e. <c>LongestPrefix.Count</c>.</param>
/// <param name="LongestPrefix">That prefix, in linearization order, with the state after each operation.</param>
/// <param name="StateAfterPrefix">The state at the end of the prefix (the initial state when the prefix is empty).</param>
public sealed record SearchProgress(
    string? Key,
    int SearchedOperations,
    int LinearizedOperations,
    IReadOnlyList<LinearizedStep> LongestPrefix,
    string StateAfterPrefix);
