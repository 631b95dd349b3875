namespace RaftChaos.Node.Raft;

/// <summary>What the Raft loop last published about itself; immutable, replaced after every loop turn.</summary>
internal sealed record NodeStatus(
    string Role,
    ulong Term,
    string LeaderId,
    ulong CommitIndex,
    ulong AppliedIndex,
    ulong LastLogIndex,
    IReadOnlyList<string>? Voters = null)
{
    public static NodeStatus Starting { get; } = new("follower", 0, "", 0, 0, 0);
}
