namespace RaftChaos.Raft;

/// <summary>
/// A leader sent this node an entry for an index the node already knows to be committed, and the entry differs from
/// the node's own: state-machine safety is broken (this node may have applied the old entry, nodes that did not know
/// it was committed take the new one). Leader Completeness rules it out; only an unsafe bug gets here, and without one
/// the core throws instead. Reported through <see cref="Ready.CommittedEntryConflicts"/> so the node can log it.
/// </summary>
/// <param name="Index">The index of the entry.</param>
/// <param name="Committed">This node's commit index at that moment (at or above <paramref name="Index"/>).</param>
/// <param name="LocalTerm">The term of this node's committed entry there.</param>
/// <param name="LeaderTerm">The term of the leader's entry for that index.</param>
public readonly record struct CommittedEntryConflict(ulong Index, ulong Committed, ulong LocalTerm, ulong LeaderTerm);
