namespace RaftChaos.Raft;

/// <summary>Why a request was refused. Every refusal is definite: the request had no effect.</summary>
public enum DropReason
{
    /// <summary>Not refused.</summary>
    None,
    /// <summary>This node is not the leader (see the result's leader hint).</summary>
    NotLeader,
    /// <summary>No leader is known (an election is under way), so a follower cannot forward.</summary>
    NoLeader,
    /// <summary>The leader is handing leadership to another node.</summary>
    TransferInProgress,
    /// <summary>The leader has not yet committed an entry of its term, so its commit index may be stale (ReadIndex) or an old membership change may be pending.</summary>
    NotCommittedInTerm,
    /// <summary>A membership change is still uncommitted; only one may be in flight.</summary>
    MembershipChangePending,
    /// <summary>The membership change does not apply (adding a member, removing a non-member or the last voter).</summary>
    InvalidMembershipChange,
    /// <summary>This node has been removed from the cluster (or never joined one).</summary>
    NotMember,
}
