namespace RaftChaos.Checker.Search;

/// <summary>What the search concluded for one partition.</summary>
internal sealed record PartitionOutcome(Verdict Verdict, Counterexample? Counterexample, string? UnknownReason)
{
    public static PartitionOutcome Valid { get; } = new(Verdict.Valid, null, null);

    public static PartitionOutcome Unknown(string reason) => new(Verdict.Unknown, null, reason);
}
