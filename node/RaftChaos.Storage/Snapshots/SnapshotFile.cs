using System.Buffers.Binary;
using System.IO.Hashing;
using RaftChaos.Storage.FileSystem;

namespace RaftChaos.Storage.Snapshots;

/// <summary>
/// One snapshot per file, written atomically:
/// <code>
/// magic:u32 "RSNP" | version:u32 = 1 | index:u64 | term:u64 | confLength:u32 | dataLength:u64 | conf | data | crc:u32
/// </code>
/// crc = CRC32C of every byte before it. A snapshot is only trusted once a WAL Snapshot record names it.
/// </summary>
internal static class SnapshotFile
{
    private const uint Magic = 0x504E5352;
    private const uint Version = 1;
    private const int HeaderBytes = 36;

    public static async ValueTask WriteAsync(string directory, StoredSnapshot snapshot, StorageStatistics statistics, CancellationToken cancellationToken)
    {
        byte[] header = new byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), snapshot.Index);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), snapshot.Term);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), snapshot.ConfState.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(28), snapshot.Data.Length);

        var crc = new Crc32(System.IO.Hashing.Crc32ParameterSet.Crc32C);
        crc.Append(header);
        crc.Append(snapshot.ConfState.Span);
        crc.Append(snapshot.Data.Span);
        byte[] trailer = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());

        string path = Path.Combine(directory, new SnapshotName(snapshot.Index, snapshot.Term).FileName);
        await AtomicFile.WriteAsync(path, [header, snapshot.ConfState, snapshot.Data, trailer], statistics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and verifies a snapshot; any damage is a <see cref="StorageCorruptException"/>.</summary>
    public static async ValueTask<StoredSnapshot> ReadAsync(string path, SnapshotName expected, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string? problem = Check(bytes, expected, out int confLength, out long dataLength);
        if (problem is not null)
        {
            throw new StorageCorruptException(
                $"Snapshot file '{path}' is damaged: {problem}. The write-ahead log refers to it and has already dropped the entries it covers, "
                + "so this node cannot recover on its own: restore the data directory from a backup, or wipe it and re-add the node to the cluster.",
                path,
                0);
        }

        return new StoredSnapshot(
            expected.Index,
            expected.Term,
            bytes.AsMemory(HeaderBytes, confLength),
            bytes.AsMemory(HeaderBytes + confLength, (int)dataLength));
    }

    private static string? Check(byte[] bytes, SnapshotName expected, out int confLength, out long dataLength)
    {
        confLength = 0;
        dataLength = 0;
        if (bytes.Length < HeaderBytes + 4)
        {
            return $"file is {bytes.Length} bytes, shorter than a header";
        }

        ReadOnlySpan<byte> span = bytes;
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic || BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) != Version)
        {
            return "bad magic or unknown version";
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(span[8..]) != expected.Index || BinaryPrimitives.ReadUInt64LittleEndian(span[16..]) != expected.Term)
        {
            return "index or term inside the file differ from its name";
        }

        confLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        dataLength = BinaryPrimitives.ReadInt64LittleEndian(span[28..]);
        if (confLength < 0 || dataLength < 0 || HeaderBytes + 4L + confLength + dataLength != bytes.Length)
        {
            return $"lengths in the header (conf {confLength}, data {dataLength}) do not match the file size {bytes.Length}";
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]);
        uint actual = Crc32.HashToUInt32(System.IO.Hashing.Crc32ParameterSet.Crc32C, span[..^4]);
        return stored == actual ? null : $"checksum mismatch (stored {stored:x8}, computed {actual:x8})";
    }
}
