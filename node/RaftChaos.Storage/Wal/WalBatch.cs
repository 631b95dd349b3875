using System.Buffers.Binary;

namespace RaftChaos.Storage.Wal;

/// <summary>
/// Records waiting for the next write, encoded in place behind room for a frame header, so that a flush is
/// one <c>SealFrame</c> and one write call. Invariant: bytes [0, 12) are reserved for the header and
/// <see cref="PayloadBytes"/> counts what follows.
/// </summary>
internal sealed class WalBatch
{
    private byte[] _buffer;
    private int _length = WalFormat.FrameHeaderBytes;

    public WalBatch(int initialCapacity = 64 * 1024)
    {
        _buffer = new byte[Math.Max(initialCapacity, 256)];
    }

    public bool IsEmpty => _length == WalFormat.FrameHeaderBytes;

    public int PayloadBytes => _length - WalFormat.FrameHeaderBytes;

    public void AddSegmentStart(ulong sequence, ulong firstIndex)
    {
        Span<byte> body = Reserve(WalRecordType.SegmentStart, 16);
        BinaryPrimitives.WriteUInt64LittleEndian(body, sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], firstIndex);
    }

    public void AddHardState(StoredHardState state)
    {
        Span<byte> body = Reserve(WalRecordType.HardState, 24);
        BinaryPrimitives.WriteUInt64LittleEndian(body, state.Term);
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], state.Vote);
        BinaryPrimitives.WriteUInt64LittleEndian(body[16..], state.Commit);
    }

    public void AddEntry(StoredEntry entry)
    {
        Span<byte> body = Reserve(WalRecordType.Entry, WalFormat.EntryBodyFixedBytes + entry.Data.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(body, entry.Index);
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], entry.Term);
        body[16] = entry.Kind;
        entry.Data.Span.CopyTo(body[17..]);
    }

    public void AddSnapshot(ulong index, ulong term, bool replacesLog)
    {
        Span<byte> body = Reserve(WalRecordType.Snapshot, 17);
        BinaryPrimitives.WriteUInt64LittleEndian(body, index);
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], term);
        body[16] = replacesLog ? WalFormat.SnapshotFlagReplacesLog : (byte)0;
    }

    /// <summary>Seals the frame and returns it; the batch stays intact until <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Seal()
    {
        WalFormat.SealFrame(_buffer.AsSpan(0, _length));
        return _buffer.AsMemory(0, _length);
    }

    public void Clear() => _length = WalFormat.FrameHeaderBytes;

    private Span<byte> Reserve(WalRecordType type, int bodyLength)
    {
        int needed = _length + WalFormat.RecordHeaderBytes + bodyLength;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        Span<byte> record = _buffer.AsSpan(_length, WalFormat.RecordHeaderBytes + bodyLength);
        record[0] = (byte)type;
        BinaryPrimitives.WriteInt32LittleEndian(record[1..], bodyLength);
        _length = needed;
        return record[WalFormat.RecordHeaderBytes..];
    }
}
