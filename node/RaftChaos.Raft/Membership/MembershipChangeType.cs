namespace RaftChaos.Raft.Membership;

/// <summary>A single-server membership change (Raft dissertation §4.1): one voter in or out at a time.</summary>
public enum MembershipChangeType : byte
{
    /// <summary>Make a node a voter.</summary>
    AddVoter = 1,
    /// <summary>Remove a voter.</summary>
    RemoveVoter = 2,
}
