namespace RaftChaos.Storage;

/// <summary>
/// A state-machine snapshot covering the log up to and including <paramref name="Index"/> (whose term is
/// <paramref name="Term"/>). <paramref name="ConfState"/> and <paramref name="Data"/> are opaque bytes.
/// </summary>
public sealed record StoredSnapshot(ulong Index, ulong Term, ReadOnlyMemory<byte> ConfState, ReadOnlyMemory<byte> Data);
