namespace RaftChaos.Raft;

/// <summary>Volatile state worth telling the application about: who leads, and this node's role. Not persisted.</summary>
/// <param name="Leader">The known leader of the current term, or 0.</param>
/// <param name="Role">This node's role.</param>
public readonly record struct SoftState(ulong Leader, RaftRole Role);
