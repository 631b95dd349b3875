namespace RaftChaos.Raft.ReadOnly;

/// <summary>
/// A read that became safe: once the application has applied up to <see cref="Index"/>, a read of its
/// state machine is linearizable for the request identified by <see cref="Context"/>.
/// </summary>
public readonly record struct ReadState(ulong Index, ulong Context);
