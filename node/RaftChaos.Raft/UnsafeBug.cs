namespace RaftChaos.Raft;

/// <summary>
/// Deliberate bugs, each reintroducing a classic Raft mistake so the test bed can prove it catches it.
/// All off by default. Names on the command line: see <see cref="UnsafeBugNames"/>.
/// </summary>
[Flags]
public enum UnsafeBug
{
    /// <summary>The correct protocol.</summary>
    None = 0,
    /// <summary><c>stale-reads</c>: ReadIndex answers at once, on any node, with the node's own commit index (no leadership check).</summary>
    StaleReads = 1 << 0,
    /// <summary><c>lease-reads</c>: a leader answers ReadIndex at once while its lease, counted in its own ticks since a quorum last acknowledged it, has not expired. Unsafe when its tick rate drifts.</summary>
    LeaseReads = 1 << 1,
    /// <summary><c>forget-vote</c>: the vote is neither reported for persistence nor restored, so a restarted node can vote twice in one term.</summary>
    ForgetVote = 1 << 2,
    /// <summary><c>commit-old-term</c>: a leader commits entries of earlier terms by counting replicas (the Figure 8 mistake), and, as in Figure 8, appends no no-op entry when elected.</summary>
    CommitOldTerm = 1 << 3,
    /// <summary><c>ack-before-persist</c>: a follower acknowledges appends in the same Ready as the entries, not after persisting them, and the Ready does not ask for a sync.</summary>
    AckBeforePersist = 1 << 4,
    /// <summary><c>continue-after-fsync-error</c>: the node's storage goes on after a failed fsync as if the batch were durable (the "fsyncgate" mistake), instead of the node stopping. Not the core's: the node maps it to its storage.</summary>
    ContinueAfterFsyncError = 1 << 5,
    /// <summary>
    /// <c>membership-on-append</c>: the leader puts a membership change in force as soon as it appends it, not when it
    /// commits, and since the change is then in force takes the next one at once: two single-server changes can be in
    /// flight together, and the configurations before and after both can have disjoint majorities.
    /// </summary>
    MembershipOnAppend = 1 << 6,
}
