namespace RaftChaos.Raft.Quorum;

/// <summary>The state of an election as far as the votes received tell.</summary>
internal enum VoteResult
{
    /// <summary>Neither a quorum of grants nor of rejections yet.</summary>
    Pending,
    /// <summary>A quorum granted.</summary>
    Won,
    /// <summary>A quorum rejected: the election cannot be won.</summary>
    Lost,
}
