namespace RaftChaos.Raft.Messages;

/// <summary>
/// One log entry. Invariant (Log Matching): two logs holding an entry with the same Index and Term hold
/// identical entries up to that index. Data must not be mutated once the entry is handed to the core.
/// </summary>
public sealed record Entry(ulong Index, ulong Term, EntryType Type, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes counted against flow-control limits (max bytes per append, max inflight bytes).</summary>
    public long PayloadSize => Data.Length;

    /// <inheritdoc />
    public override string ToString() =>
        Type == EntryType.Normal ? $"{Term}/{Index}" : $"{Term}/{Index} {Membership.MembershipChange.Decode(Data.Span)}";
}
