namespace RaftChaos.Nightly.Planning;

/// <summary>
/// The bug classes the node can switch on (<c>--unsafe</c>) and the faults that should expose each. A bug that is not
/// caught stays in this table: the schedule or workload is improved instead (issue 7).
/// </summary>
public static class ValidationMatrix
{
    private static readonly TimeSpan Every3s = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Every4s = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Every5s = TimeSpan.FromSeconds(5);

    /// <summary>Every exposure, in the order the summary lists them.</summary>
    public static IReadOnlyList<BugExposure> Exposures { get; } =
    [
        new("stale-reads", "partition", "register", 3,
            "a cut-off node answers reads from its own commit index while the majority side commits new writes"),
        // The textbook case: the leader is cut off while its clock runs slow (both at once, slow-leader). With the
        // faults apart (partition, then clock) its lease lapsed before the others elected: 0 of 3 seeds; with clock and
        // pause, 0 of 1.
        // Short-lived clients: each client of the cut-off leader is stuck on its first write until the timeout, and
        // only a client that is not stuck can read from the stale lease. With the defaults (10 clients, 2 s timeout):
        // 0 of 1 seed. 30 clients at 300 ops/s with a 500 ms timeout caught it but left ~660 info writes on the one
        // key, too many for the checker's memory bound in 2 of 3 seeds (verdict unknown); 15 clients at 150 ops/s
        // with a 1 s timeout keep the info writes near a hundred, and the kv workload spreads them over 10 keys
        // (each key is checked on its own).
        new("lease-reads", "slow-leader", "kv", 3,
            "a leader cut off while its clock runs slow keeps serving reads from its lease after the others elected a new leader and committed writes",
            Every5s, new ClientLoad(15, 150, TimeSpan.FromSeconds(1))),
        // forget-vote needs a voter that crashes between its vote and the new leader's first append, which no outside
        // kill can time: the crash-after-vote failpoint does it. Then a candidate must ask for the same term again. Under
        // kills every 3 s that happened in 2 of 3 seeds (two candidates rarely share a term with pre-vote on);
        // swap-leader makes it the rule: the old leader, held back a term by pre-vote while cut off, returns as the
        // new leader is cut off and asks for the term its successor won. The run's election-safety check reads the two
        // leaders of one term from the node logs.
        new("forget-vote", "swap-leader", "register", 3,
            "a node that crashed right after voting restarts without its vote and votes again in the same term: two leaders of one term",
            Every4s, Failpoint: "crash-after-vote=0.5"),
        // ack-before-persist: the run's default of one fault per 10 s gave 0 of 3 seeds, so these runs kill every 3 s
        // (held 1.8 s). It shows when a majority or all nodes die together (kill modes majority, all):
        // every copy of the unsynced tail is gone. On one register the rolled-back history took the checker past its
        // memory bound (1 of 3 seeds unknown); the kv workload splits it into 10 small per-key searches.
        new("ack-before-persist", "kill", "kv", 3,
            "nodes acknowledge entries before they are durable; killing a majority at once loses entries that were committed and acknowledged", Every3s),
        // commit-old-term needs Figure 8 of the Raft paper: a leader holds an entry no one else has (term t); a later
        // leader holds another entry at that index no one else has (term t+1); the first is elected again, commits its
        // old entry by counting replicas and dies before an entry of its own term reaches a majority; the second is
        // elected and sends its entry. Partitions and kills every 3 s on 5 nodes never walked that in 60 s (0 of 3 seeds
        // in four nights), nor did swap-leader's second move (2 runs). The crash-before-first-append failpoint is that
        // walk: every new leader writes its first entries (under this bug a client's write: the bug also skips the
        // no-op) to its own disk and dies before sending them; its supervisor starts it again at once. The run's
        // state-machine-safety check reads the node that was sent a different entry for an index it had committed.
        // P = 1 and no other fault: caught in 6 of 6 seeds within 2.3-6.6 s. Partitions every 5 s on top disturb the
        // order the walk needs (2 of 3 seeds at P = 1, 2 of 3 at P = 0.9); docs/validation.md has the runs.
        // continue-after-fsync-error: a node whose fsync failed goes on, so what it acknowledged since is not on its disk.
        // One such node is harmless (the others hold the entries, and it catches up after its restart); the disk
        // nemesis's error-all and error-majority faults make every copy, or a majority's, lose the same tail, and its
        // heal restarts them from their disks: acknowledged writes are gone. As for ack-before-persist, faults every 3 s
        // and the kv workload (small per-key searches). Values from 0..999 instead of 0..4: with five values a read of a
        // lost write's predecessor is mostly explained by some still-open (info) write of the same value, so the loss
        // went unseen in 1 of 2 seeds (seed 2090; the faster elections after a leader's crash may also let an up-to-date
        // node win before the amnesiac ones are back); with a thousand, 3 of 3 seeds within 51 s.
        new("continue-after-fsync-error", "disk", "kv", 3,
            "nodes go on after a failed fsync; a majority or all of them restarted from their disks lose writes they acknowledged", Every3s,
            new ClientLoad(10, 100, TimeSpan.FromSeconds(2), Values: 1000)),
        new("commit-old-term", "none", "register", 3,
            "a leader commits an entry of an earlier term by counting replicas; a later leader overwrites it (Figure 8)",
            Failpoint: "crash-before-first-append=1"),
        // membership-on-append: the membership nemesis's remove-two-followers mode sends both removals at once, and the
        // buggy leader takes both; on three nodes it then commits alone while the two others elect a leader of their
        // own. The modes take turns, so that mode comes within the first four faults (by 17 s at one fault per 5 s).
        new("membership-on-append", "membership", "register", 3,
            "the leader puts a membership change in force as it appends it and takes a second one at once: two removals leave it committing alone while the removed nodes elect another leader",
            Every5s),
    ];

    /// <summary>The exposure of <paramref name="bug"/>, or null when it is not a known switch.</summary>
    public static BugExposure? Find(string bug) => Exposures.FirstOrDefault(exposure => exposure.Bug == bug);
}
