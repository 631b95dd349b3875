using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft;

/// <summary>A leader's view of one follower's replication, as reported by <see cref="RaftNode.Status"/>.</summary>
/// <param name="Match">Highest index known replicated on the follower.</param>
/// <param name="Next">Next index the leader will send.</param>
/// <param name="State">Probe, replicate or snapshot.</param>
/// <param name="Inflight">Append messages sent and not yet acknowledged.</param>
/// <param name="RecentActive">Heard from within the current election timeout.</param>
/// <param name="PendingSnapshot">Index of the snapshot in flight, or 0.</param>
public readonly record struct ProgressStatus(ulong Match, ulong Next, ProgressState State, int Inflight, bool RecentActive, ulong PendingSnapshot);
