namespace RaftChaos.Checker.Search;

/// <summary>
/// What the search concluded for one partition; <see cref="Progress"/> only for unknown, when the search had started.
/// <see cref="Configurations"/>: the configurations the search added to its memo (0 when it did not search).
/// </summary>
internal sealed record PartitionOutcome(Verdict Verdict, Counterexample? Counterexample, string? UnknownReason, SearchProgress? Progress = null)
{
    public static PartitionOutcome Valid { get; } = new(Verdict.Valid, null, null);

    /// <summary>Configurations explored: memo entries added.</summary>
    public long Configurations { get; init; }

    public static PartitionOutcome Unknown(string reason, SearchProgress? progress = null) => new(Verdict.Unknown, null, reason, progress);
}
