using System.Buffers.Binary;

namespace RaftChaos.Raft.Membership;

/// <summary>
/// A membership change carried in a log entry of type <see cref="Messages.EntryType.MembershipChange"/>.
/// The core applies it when the entry commits; the application sees the entry among committed entries
/// and may ignore it (or use it to open or close connections).
/// </summary>
public sealed record MembershipChange(MembershipChangeType Type, ulong NodeId)
{
    /// <summary>The 9-byte encoding stored in the entry: the type, then the node id (little-endian).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[9];
        bytes[0] = (byte)Type;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(1), NodeId);
        return bytes;
    }

    /// <summary>Decodes <see cref="Encode"/>'s output; throws <see cref="FormatException"/> on anything else.</summary>
    public static MembershipChange Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length != 9 || data[0] is not ((byte)MembershipChangeType.AddVoter or (byte)MembershipChangeType.RemoveVoter))
        {
            throw new FormatException("not an encoded membership change");
        }

        return new MembershipChange((MembershipChangeType)data[0], BinaryPrimitives.ReadUInt64LittleEndian(data[1..]));
    }

    /// <summary>Like <see cref="Decode"/>, null for anything else (the initial-membership entries of a bootstrap decode too).</summary>
    public static MembershipChange? TryDecode(ReadOnlySpan<byte> data)
    {
        try
        {
            return Decode(data);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{(Type == MembershipChangeType.AddVoter ? "add" : "remove")} {NodeId}";
}
