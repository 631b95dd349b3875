namespace RaftChaos.Node.Hosting;

/// <summary>
/// The bug switches (<c>--unsafe NAME</c>), each reintroducing a classic bug class so the bed can prove it
/// catches it. Names are those of the Raft core's issue; all are off by default.
/// </summary>
internal static class UnsafeSwitch
{
    /// <summary>Reads are served from local state without ReadIndex, on any node.</summary>
    public const string StaleReads = "stale-reads";
    /// <summary>The leader serves reads while its lease, measured on its own clock, has not expired.</summary>
    public const string LeaseReads = "lease-reads";
    /// <summary>The vote is not persisted, so a restarted node can vote twice in one term.</summary>
    public const string ForgetVote = "forget-vote";
    /// <summary>A leader commits entries of earlier terms by counting replicas (Raft paper, Figure 8).</summary>
    public const string CommitOldTerm = "commit-old-term";
    /// <summary>Messages are sent and entries applied before the log is synced; a crash loses them.</summary>
    public const string AckBeforePersist = "ack-before-persist";

    /// <summary>Every known switch, in the order help text lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [StaleReads, LeaseReads, ForgetVote, CommitOldTerm, AckBeforePersist];
}
