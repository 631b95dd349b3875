namespace RaftChaos.Raft;

/// <summary>
/// The outcome of <see cref="RaftNode.Propose"/> or <see cref="RaftNode.ProposeMembershipChange"/>.
/// Accepted means appended to the leader's log at (Index, Term): it commits if an entry with that Index
/// and Term is later among the committed entries; a different Term at that Index means it was lost.
/// Dropped means the entry was not appended anywhere.
/// </summary>
public readonly record struct ProposeResult(bool Accepted, ulong Index, ulong Term, DropReason Reason, ulong LeaderHint)
{
    /// <summary>Appended at (index, term).</summary>
    public static ProposeResult AcceptedAt(ulong index, ulong term) => new(true, index, term, DropReason.None, 0);

    /// <summary>Refused; <paramref name="leaderHint"/> is the known leader, or 0.</summary>
    public static ProposeResult Dropped(DropReason reason, ulong leaderHint) => new(false, 0, 0, reason, leaderHint);

    /// <inheritdoc />
    public override string ToString() => Accepted ? $"accepted {Term}/{Index}" : $"dropped {Reason} leader={LeaderHint}";
}
