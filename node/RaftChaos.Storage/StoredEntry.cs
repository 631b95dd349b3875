namespace RaftChaos.Storage;

/// <summary>
/// One Raft log entry as storage sees it. <paramref name="Kind"/> and <paramref name="Data"/> are opaque:
/// the node maps its core's entry type to and from them. Record equality compares the memory handle,
/// not the bytes; compare <c>Data.Span.SequenceEqual</c> when content matters.
/// </summary>
public sealed record StoredEntry(ulong Index, ulong Term, byte Kind, ReadOnlyMemory<byte> Data);
