namespace RaftChaos.Raft.Messages;

/// <summary>
/// The state that must survive a crash (Raft paper, Figure 2, "persistent state"): currentTerm, votedFor,
/// plus the commit index (not required for safety, but it lets a restarted node apply without waiting).
/// </summary>
/// <param name="Term">The latest term this node has seen.</param>
/// <param name="Vote">The node voted for in <paramref name="Term"/>, or 0 for none.</param>
/// <param name="Commit">The highest index known committed.</param>
public readonly record struct HardState(ulong Term, ulong Vote, ulong Commit)
{
    /// <summary>The state of a node that has never run.</summary>
    public static HardState Empty => default;

    /// <summary>True for the state of a node that has never run.</summary>
    public bool IsEmpty => Term == 0 && Vote == 0 && Commit == 0;

    /// <inheritdoc />
    public override string ToString() => $"term={Term} vote={Vote} commit={Commit}";
}
