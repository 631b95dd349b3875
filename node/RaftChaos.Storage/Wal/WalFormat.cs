using System.Buffers.Binary;
using System.IO.Hashing;

namespace RaftChaos.Storage.Wal;

/// <summary>
/// The on-disk layout of a WAL segment: a sequence of frames, one frame per flushed batch.
/// <code>
/// frame  = magic:u32 | crc:u32 | length:u32 | payload[length]      (little endian)
///          crc = CRC32C(length bytes ‖ payload)
/// payload = record*
/// record = type:u8 | bodyLength:u32 | body[bodyLength]
///   SegmentStart body = seq:u64 | firstIndex:u64
///   HardState    body = term:u64 | vote:u64 | commit:u64
///   Entry        body = index:u64 | term:u64 | kind:u8 | data
///   Snapshot     body = index:u64 | term:u64 | flags:u8            (flag 1: the log was replaced)
/// </code>
/// Why one checksummed frame per batch rather than per record: a crash can tear a write anywhere, so only
/// the last write may be damaged. With one frame per write, "the damage is the last frame" is exactly
/// "a torn tail", and a bad frame with a good frame after it can only be corruption of synced data.
/// </summary>
internal static class WalFormat
{
    /// <summary>"RWAL" read as a little-endian u32; lets recovery find frame starts when scanning past damage.</summary>
    public const uint FrameMagic = 0x4C415752;

    public const int FrameHeaderBytes = 12;

    public const int RecordHeaderBytes = 5;

    /// <summary>Hard format limit on a frame payload; anything longer is damage, whatever the options say.</summary>
    public const int MaxFramePayload = 1 << 30;

    public const int EntryBodyFixedBytes = 17;

    public const int EntryRecordOverhead = RecordHeaderBytes + EntryBodyFixedBytes;

    public const int HardStateRecordBytes = RecordHeaderBytes + 24;

    public const int SnapshotRecordBytes = RecordHeaderBytes + 17;

    public const int SegmentStartRecordBytes = RecordHeaderBytes + 16;

    public const byte SnapshotFlagReplacesLog = 1;

    public static uint Checksum(ReadOnlySpan<byte> lengthAndPayload) =>
        Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, lengthAndPayload);

    /// <summary>Fills the 12-byte header in front of a payload already in place at <c>frame[12..]</c>.</summary>
    public static void SealFrame(Span<byte> frame)
    {
        int payloadLength = frame.Length - FrameHeaderBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(frame, FrameMagic);
        BinaryPrimitives.WriteInt32LittleEndian(frame[8..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Checksum(frame[8..]));
    }

    /// <summary>
    /// Checks the frame starting at <paramref name="offset"/>. On success <paramref name="payloadLength"/> is set
    /// and the result is null; otherwise the result says what is wrong.
    /// </summary>
    public static string? TryReadFrame(ReadOnlySpan<byte> segment, long offset, out int payloadLength)
    {
        payloadLength = 0;
        long remaining = segment.Length - offset;
        if (remaining < FrameHeaderBytes)
        {
            return $"short frame header ({remaining} of {FrameHeaderBytes} bytes)";
        }

        ReadOnlySpan<byte> header = segment.Slice((int)offset, FrameHeaderBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != FrameMagic)
        {
            return "bad frame magic";
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (length == 0 || length > MaxFramePayload)
        {
            return $"impossible frame length {length}";
        }

        if (length > remaining - FrameHeaderBytes)
        {
            return $"short frame payload ({remaining - FrameHeaderBytes} of {length} bytes)";
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        uint actual = Checksum(segment.Slice((int)offset + 8, 4 + (int)length));
        if (expected != actual)
        {
            return $"checksum mismatch (stored {expected:x8}, computed {actual:x8})";
        }

        payloadLength = (int)length;
        return null;
    }

    /// <summary>
    /// The offset of the first intact frame strictly after <paramref name="offset"/>, or -1. Used to tell a torn
    /// tail (nothing intact follows) from corruption in the middle (an intact, hence once-synced, frame follows).
    /// </summary>
    public static long FindNextIntactFrame(ReadOnlySpan<byte> segment, long offset)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, FrameMagic);
        long position = offset + 1;
        while (position < segment.Length)
        {
            int hit = segment[(int)position..].IndexOf(magic);
            if (hit < 0)
            {
                return -1;
            }

            position += hit;
            if (TryReadFrame(segment, position, out _) is null)
            {
                return position;
            }

            position++;
        }

        return -1;
    }
}
