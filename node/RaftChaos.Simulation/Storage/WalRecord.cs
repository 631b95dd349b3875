using RaftChaos.Raft.Messages;

namespace RaftChaos.Simulation.Storage;

/// <summary>One write to a node's simulated write-ahead log: a batch of entries from a Ready, or a hard state.</summary>
/// <param name="Entries">Entries replacing the stored suffix from <c>Entries[0].Index</c>; empty for a hard-state record.</param>
/// <param name="HardState">The hard state written, when <paramref name="IsHardState"/>.</param>
/// <param name="IsHardState">True for a hard-state record.</param>
internal readonly record struct WalRecord(IReadOnlyList<Entry> Entries, HardState HardState, bool IsHardState);
