namespace RaftChaos.Raft.ReadOnly;

/// <summary>A ReadIndex request waiting at the leader for heartbeat round <see cref="Round"/> to be acknowledged by a quorum.</summary>
/// <param name="Round">The heartbeat round broadcast after the request arrived.</param>
/// <param name="Index">The leader's commit index when the request arrived: the read index.</param>
/// <param name="From">The node that asked (the leader itself, or a follower that forwarded it).</param>
/// <param name="Context">The caller's request context, returned in the ReadState.</param>
internal readonly record struct PendingRead(ulong Round, ulong Index, ulong From, ulong Context);
