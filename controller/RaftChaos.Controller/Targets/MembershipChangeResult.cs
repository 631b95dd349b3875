namespace RaftChaos.Controller.Targets;

/// <summary>
/// The outcome of one membership change asked of a node: done (with the voters after it), not the leader (naming the
/// leader it knows, or null), refused before proposing (why), or unknown (the node did not say: it may still happen).
/// </summary>
public sealed record MembershipChangeResult(IReadOnlyList<string>? Voters, bool NotLeader = false, string? Leader = null, string? Refused = null, string? Unknown = null)
{
    /// <summary>True when the change was applied.</summary>
    public bool Done => Voters is not null;

    /// <summary>Done, with the voters after the change.</summary>
    public static MembershipChangeResult Applied(IReadOnlyList<string> voters) => new(voters);

    /// <summary>A short description for logs and errors.</summary>
    public override string ToString() =>
        Done ? $"done: {string.Join(",", Voters!)}" : NotLeader ? $"not the leader (leader: {Leader ?? "none known"})" : Refused is not null ? $"refused: {Refused}" : $"unknown: {Unknown}";
}
