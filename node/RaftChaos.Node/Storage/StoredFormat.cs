using System.Buffers.Binary;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Storage;
using CoreRecovered = RaftChaos.Raft.RecoveredState;
using StoreRecovered = RaftChaos.Storage.RecoveredState;

namespace RaftChaos.Node.Storage;

/// <summary>
/// Converts between the Raft core's records and the storage library's (which knows nothing of the core).
/// A membership is stored as its voter ids, 8 bytes little-endian each; an entry's type as one byte.
/// </summary>
internal static class StoredFormat
{
    public static StoredEntry ToStored(Entry entry) => new(entry.Index, entry.Term, (byte)entry.Type, entry.Data);

    public static Entry ToCore(StoredEntry entry) => new(entry.Index, entry.Term, (EntryType)entry.Kind, entry.Data);

    public static StoredHardState ToStored(HardState hardState) => new(hardState.Term, hardState.Vote, hardState.Commit);

    public static HardState ToCore(StoredHardState hardState) => new(hardState.Term, hardState.Vote, hardState.Commit);

    public static StoredSnapshot ToStored(Snapshot snapshot) =>
        new(snapshot.Index, snapshot.Term, EncodeVoters(snapshot.ConfState), snapshot.Data);

    public static Snapshot ToCore(StoredSnapshot snapshot) =>
        new(snapshot.Index, snapshot.Term, DecodeVoters(snapshot.ConfState.Span), snapshot.Data);

    /// <summary>What the core needs to restart from what storage recovered (the state machine is restored
    /// from the snapshot, so everything up to its index counts as applied).</summary>
    public static CoreRecovered ToCore(StoreRecovered recovered) => new()
    {
        HardState = ToCore(recovered.HardState),
        Snapshot = recovered.Snapshot is { } snapshot ? ToCore(snapshot) : null,
        Entries = [.. recovered.Entries.Select(ToCore)],
        Applied = recovered.SnapshotIndex,
    };

    private static byte[] EncodeVoters(ConfState conf)
    {
        var bytes = new byte[conf.Voters.Length * 8];
        for (var i = 0; i < conf.Voters.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), conf.Voters[i]);
        }
        return bytes;
    }

    private static ConfState DecodeVoters(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 != 0)
        {
            throw new InvalidDataException($"a stored membership must be a multiple of 8 bytes, got {bytes.Length}");
        }
        var voters = new ulong[bytes.Length / 8];
        for (var i = 0; i < voters.Length; i++)
        {
            voters[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        }
        return new ConfState(voters);
    }
}
