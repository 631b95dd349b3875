namespace RaftChaos.Storage;

/// <summary>
/// A half-written record at the end of the last segment that recovery cut off: the unsynced remains of a
/// write interrupted by a crash. <paramref name="Offset"/> is where the file now ends.
/// </summary>
public sealed record TornTail(string File, long Offset, long BytesDropped, string Reason);
