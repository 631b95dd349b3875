namespace RaftChaos.Controller.Targets;

/// <summary>
/// A node's own view of the cluster, as its status call reports it. A system without leader discovery still answers
/// (that is how the bed knows the node is up) with <paramref name="IsLeader"/> false and <paramref name="LeaderId"/> null.
/// </summary>
/// <param name="Id">The node's id.</param>
/// <param name="IsLeader">Whether it believes it leads.</param>
/// <param name="Term">Its term (etcd: raft term).</param>
/// <param name="LeaderId">The leader it knows, or null.</param>
/// <param name="CommitIndex">Its commit index.</param>
/// <param name="AppliedIndex">Its applied index (equal to the commit index where the system does not say).</param>
/// <param name="WallClockUnixMs">The node process's wall clock, or null where the system does not say (then a clock heal is verified by the control file only).</param>
/// <param name="MonotonicMs">The node process's monotonic clock, or null (then slow-leader cannot see its clock step take hold and waits the full time).</param>
public sealed record NodeStatus(
    string Id,
    bool IsLeader,
    ulong Term,
    string? LeaderId,
    ulong CommitIndex,
    ulong AppliedIndex,
    long? WallClockUnixMs = null,
    long? MonotonicMs = null);
