namespace RaftChaos.Raft.Messages;

/// <summary>What an entry's Data holds.</summary>
public enum EntryType
{
    /// <summary>An application command (empty Data: the no-op a new leader appends).</summary>
    Normal,
    /// <summary>A <see cref="Membership.MembershipChange"/>, encoded with <see cref="Membership.MembershipChange.Encode"/>.</summary>
    MembershipChange,
}
