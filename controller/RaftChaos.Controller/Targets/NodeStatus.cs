namespace RaftChaos.Controller.Targets;

/// <summary>A node's own view of the cluster, as its status call reports it.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="IsLeader">Whether it believes it leads.</param>
/// <param name="Term">Its term (etcd: raft term).</param>
/// <param name="LeaderId">The leader it knows, or null.</param>
/// <param name="CommitIndex">Its commit index.</param>
/// <param name="AppliedIndex">Its applied index (equal to the commit index where the system does not say).</param>
public sealed record NodeStatus(string Id, bool IsLeader, ulong Term, string? LeaderId, ulong CommitIndex, ulong AppliedIndex);
