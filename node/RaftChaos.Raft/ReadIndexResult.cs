namespace RaftChaos.Raft;

/// <summary>
/// The outcome of <see cref="RaftNode.ReadIndex"/>. Accepted means a <see cref="ReadOnly.ReadState"/> with the
/// same context will appear in a later <see cref="Ready"/> if leadership is confirmed; it may also never
/// appear (leader lost, message dropped), so the caller needs a timeout. Dropped is definite.
/// </summary>
public readonly record struct ReadIndexResult(bool Accepted, DropReason Reason, ulong LeaderHint)
{
    /// <summary>Pending (or already answered in the next Ready).</summary>
    public static ReadIndexResult Pending { get; } = new(true, DropReason.None, 0);

    /// <summary>Refused.</summary>
    public static ReadIndexResult Dropped(DropReason reason, ulong leaderHint) => new(false, reason, leaderHint);

    /// <inheritdoc />
    public override string ToString() => Accepted ? "pending" : $"dropped {Reason} leader={LeaderHint}";
}
