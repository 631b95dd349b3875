namespace RaftChaos.Nightly.Planning;

/// <summary>
/// The bug classes the node can switch on (<c>--unsafe</c>) and the faults that should expose each. A bug that is not
/// caught stays in this table: the schedule or workload is improved instead (issue 7).
/// </summary>
public static class ValidationMatrix
{
    private static readonly TimeSpan Every3s = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Every5s = TimeSpan.FromSeconds(5);

    /// <summary>Every exposure, in the order the summary lists them.</summary>
    public static IReadOnlyList<BugExposure> Exposures { get; } =
    [
        new("stale-reads", "partition", "register", 3,
            "a cut-off node answers reads from its own commit index while the majority side commits new writes"),
        // Clock and pause, not partition: the run's schedule never overlaps faults, and a leader cut off while its
        // clock runs normally lets its lease lapse before the others can elect (measured: 0 of 3 seeds with
        // partition,clock). A paused leader is a leader whose clock stopped: on resume it counts its lease from before
        // the pause and answers the reads queued meanwhile, while a new leader has committed writes.
        new("lease-reads", "clock,pause", "register", 3,
            "a leader whose clock stalled (paused process, slowed clock) answers reads from a lease that expired elsewhere", Every5s),
        // Kill-based bugs need a kill in a narrow window (during an election, between an ack and the write): the run's
        // default of one fault per 10 s gave 0 of 3 seeds each, so these runs kill every 3 s (held 1.8 s). Still 0 of 1
        // seed each (docs/validation.md lists what the run, workload or node must change for them to show).
        new("forget-vote", "kill", "register", 3,
            "a killed node restarts without its vote and votes twice in one term: two leaders of one term", Every3s),
        new("ack-before-persist", "kill", "register", 3,
            "a follower acknowledges entries before they are durable; a kill loses them after they counted for commit", Every3s),
        // Five nodes: Figure 8 of the Raft paper needs a leader to be replaced twice while a minority holds an old entry.
        new("commit-old-term", "partition,kill", "register", 5,
            "a leader commits an entry of an earlier term by counting replicas; a later leader overwrites it (Figure 8)", Every3s),
    ];

    /// <summary>The exposure of <paramref name="bug"/>, or null when it is not a known switch.</summary>
    public static BugExposure? Find(string bug) => Exposures.FirstOrDefault(exposure => exposure.Bug == bug);
}
