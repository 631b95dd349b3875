namespace RaftChaos.Checker;

/// <summary>The outcome for one key (one partition of the history).</summary>
/// <param name="Key">The key (null: the single register).</param>
/// <param name="Verdict">Valid, invalid or unknown.</param>
/// <param name="OperationCount">Operations on this key, including failed ones.</param>
/// <param name="Counterexample">Present when <paramref name="Verdict"/> is invalid.</param>
/// <param name="UnknownReason">Present when unknown: the bound hit, or that the key was cut short because another was invalid.</param>
/// <param name="Progress">
/// Present when unknown and the key's search had started: how many operations it linearized and the longest prefix.
/// Null for a key cut short before its search began.
/// </param>
public sealed record KeyCheckResult(
    string? Key,
    Verdict Verdict,
    int OperationCount,
    Counterexample? Counterexample,
    string? UnknownReason,
    SearchProgress? Progress = null)
{
    /// <summary>The <see cref="UnknownReason"/> of a key cut short because another key is not linearizable.</summary>
    public const string CutShortReason = "not finished: another key is not linearizable";

    /// <summary>
    /// Configurations the search explored on this key (entries added to its memo), including the search for a fuller
    /// counterexample; 0 when it did not search. The measure <see cref="CheckOptions.ConfigurationLimit"/> bounds.
    /// </summary>
    public long Configurations { get; init; }
}
