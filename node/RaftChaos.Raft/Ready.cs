using RaftChaos.Raft.Messages;
using RaftChaos.Raft.ReadOnly;

namespace RaftChaos.Raft;

/// <summary>
/// One batch of work for the application, taken with <see cref="RaftNode.Ready"/>. Handle it in this order,
/// then call <see cref="RaftNode.Advance"/>:
/// <list type="number">
/// <item>Send <see cref="Messages"/> (may be done at once, in parallel with the next step).</item>
/// <item>Persist <see cref="Snapshot"/>, then <see cref="Entries"/> (truncating the stored log from <c>Entries[0].Index</c>), then <see cref="HardState"/>; sync if <see cref="MustSync"/>.</item>
/// <item>Only then send <see cref="MessagesAfterPersist"/>.</item>
/// <item>Install <see cref="Snapshot"/> into the state machine, then apply <see cref="CommittedEntries"/> in order.</item>
/// <item>Serve <see cref="ReadStates"/> once applied ≥ their index.</item>
/// </list>
/// </summary>
public sealed record Ready
{
    /// <summary>The new leader/role, or null when unchanged since the previous Ready.</summary>
    public SoftState? SoftState { get; init; }

    /// <summary>The hard state to persist, or null when unchanged since the previous Ready.</summary>
    public HardState? HardState { get; init; }

    /// <summary>Entries to append to stable storage; any stored entry at or after <c>Entries[0].Index</c> is replaced.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>A snapshot received from the leader: persist it and install it; it replaces the whole stored log (then append <see cref="Entries"/>).</summary>
    public Snapshot? Snapshot { get; init; }

    /// <summary>Committed entries to apply, in index order (after installing <see cref="Snapshot"/> if any).</summary>
    public IReadOnlyList<Entry> CommittedEntries { get; init; } = [];

    /// <summary>Messages that may be sent before this Ready is persisted (a leader's appends, heartbeats, vote requests...).</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>Messages that must not leave before this Ready's state is durable: append acknowledgements and granted votes.</summary>
    public IReadOnlyList<Message> MessagesAfterPersist { get; init; } = [];

    /// <summary>Reads that became safe (see <see cref="ReadState"/>).</summary>
    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    /// <summary>
    /// Leader entries that differed from entries this node knows to be committed (only under an unsafe bug; the node
    /// keeps its own, see <see cref="CommittedEntryConflict"/>): to be reported, loudly.
    /// </summary>
    public IReadOnlyList<CommittedEntryConflict> CommittedEntryConflicts { get; init; } = [];

    /// <summary>True when the persisted state must be synced (fsync) before <see cref="MessagesAfterPersist"/> go out: new entries, or a new term or vote.</summary>
    public bool MustSync { get; init; }

    /// <summary>True when this Ready asks nothing of the application (possible when only internal steps were pending).</summary>
    public bool IsEmpty =>
        SoftState is null && HardState is null && Entries.Count == 0 && Snapshot is null && CommittedEntries.Count == 0
        && Messages.Count == 0 && MessagesAfterPersist.Count == 0 && ReadStates.Count == 0
        && CommittedEntryConflicts.Count == 0;
}
