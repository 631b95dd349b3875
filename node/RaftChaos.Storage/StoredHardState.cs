namespace RaftChaos.Storage;

/// <summary>The Raft hard state: current term, vote in that term (0 = none), and commit index.</summary>
public sealed record StoredHardState(ulong Term, ulong Vote, ulong Commit)
{
    /// <summary>The state of a node that has never voted or seen a term.</summary>
    public static StoredHardState Empty { get; } = new(0, 0, 0);
}
