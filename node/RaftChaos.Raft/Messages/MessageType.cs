namespace RaftChaos.Raft.Messages;

/// <summary>
/// The kinds of message nodes exchange. Only these travel on the wire; local events (ticks, proposals,
/// unreachable reports) enter the core through methods of <see cref="RaftNode"/>, never through Step.
/// </summary>
public enum MessageType
{
    /// <summary>Leader → follower: entries after (Index, LogTerm), and the leader's commit index.</summary>
    Append,
    /// <summary>Follower → leader: Index is the follower's last matching index, or on Reject the rejected Index with a hint.</summary>
    AppendResponse,
    /// <summary>Candidate → voter: a vote request for Term, with the candidate's last (Index, LogTerm).</summary>
    Vote,
    /// <summary>Voter → candidate: Reject says whether the vote was granted.</summary>
    VoteResponse,
    /// <summary>Pre-candidate → voter: "would you vote for me in Term?" Changes no state on the voter.</summary>
    PreVote,
    /// <summary>Voter → pre-candidate.</summary>
    PreVoteResponse,
    /// <summary>Leader → follower: install Snapshot; the follower needs entries the leader compacted.</summary>
    Snapshot,
    /// <summary>Leader → follower: I am alive. Commit is min(follower's match, commit); Context is the heartbeat round.</summary>
    Heartbeat,
    /// <summary>Follower → leader: echoes the heartbeat's Context (round), which confirms leadership for ReadIndex.</summary>
    HeartbeatResponse,
    /// <summary>Follower → leader: a ReadIndex request forwarded to the leader; Context is the caller's request context.</summary>
    ReadIndex,
    /// <summary>Leader → follower: the read index (Index) for the forwarded request Context.</summary>
    ReadIndexResponse,
    /// <summary>Any node → leader: a forwarded request to hand leadership to <see cref="Message.Transferee"/>.</summary>
    TransferLeadership,
    /// <summary>Leader → transferee: start an election now, bypassing PreVote and leases.</summary>
    TimeoutNow,
}
