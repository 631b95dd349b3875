namespace RaftChaos.Raft;

/// <summary>The role a node plays (Raft paper §5.1; PreCandidate from the dissertation §9.6).</summary>
public enum RaftRole
{
    /// <summary>Passive: answers leaders and candidates.</summary>
    Follower,
    /// <summary>Asking whether it could win, without bumping its term (PreVote).</summary>
    PreCandidate,
    /// <summary>Campaigning in its current term.</summary>
    Candidate,
    /// <summary>Accepts proposals and replicates the log.</summary>
    Leader,
}
