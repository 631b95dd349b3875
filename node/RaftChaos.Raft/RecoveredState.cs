using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft;

/// <summary>
/// What a restarting node read back from its storage: exactly what earlier <see cref="Ready"/> batches
/// asked it to persist. <see cref="Empty"/> for a brand-new node.
/// </summary>
public sealed record RecoveredState
{
    /// <summary>A node that has never run.</summary>
    public static RecoveredState Empty { get; } = new();

    /// <summary>The last persisted hard state.</summary>
    public HardState HardState { get; init; }

    /// <summary>The last persisted snapshot (from <see cref="RaftNode.Compact"/> or <see cref="Ready.Snapshot"/>), or null.</summary>
    public Snapshot? Snapshot { get; init; }

    /// <summary>
    /// Persisted entries in the order they were written. A write-ahead log may simply be replayed: an entry
    /// whose index is not past the previous one replaces it and everything after it (as a Ready's Entries
    /// do), entries covered by the snapshot are skipped. Gaps are an error.
    /// </summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>
    /// The index the application's state machine has applied (after restoring its own snapshot); the core
    /// hands out committed entries after it. At least the snapshot's index is assumed. Default 0.
    /// </summary>
    public ulong Applied { get; init; }
}
