using System.Buffers.Binary;
using System.Text;
using RaftChaos.Simulation.Clients;

namespace RaftChaos.Simulation.Nodes;

/// <summary>
/// A write or cas as it travels in a log entry. Encoded in a small fixed layout
/// (kind, request id, value, expected, key) so entries have realistic, comparable bytes.
/// </summary>
/// <param name="RequestId">The client request that proposed it.</param>
/// <param name="Kind">Write or cas.</param>
/// <param name="Key">The register's key.</param>
/// <param name="Value">The value written (cas: the new value).</param>
/// <param name="Expected">A cas's expected value.</param>
public sealed record KvCommand(ulong RequestId, OpKind Kind, string Key, long Value, long Expected)
{
    private const int HeaderSize = 1 + 8 + 8 + 8;

    /// <summary>The entry data.</summary>
    public byte[] Encode()
    {
        var key = Encoding.UTF8.GetBytes(Key);
        var bytes = new byte[HeaderSize + key.Length];
        bytes[0] = (byte)Kind;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(1), RequestId);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(9), Value);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(17), Expected);
        key.CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    /// <summary>Reads entry data written by <see cref="Encode"/>.</summary>
    public static KvCommand Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            throw new FormatException($"a command needs at least {HeaderSize} bytes, got {data.Length}");
        }

        return new KvCommand(
            BinaryPrimitives.ReadUInt64LittleEndian(data[1..]),
            (OpKind)data[0],
            Encoding.UTF8.GetString(data[HeaderSize..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[9..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[17..]));
    }
}
