using System.Buffers.Binary;

namespace RaftChaos.Storage.Wal;

/// <summary>
/// Replays one segment file into a <see cref="LogReplay"/>, and decides what a bad frame means:
/// <list type="bullet">
/// <item>in any segment but the last: corruption (a segment is synced in full before the next is created);</item>
/// <item>in the last segment with an intact frame somewhere after it: corruption (that later frame was synced,
/// so the bad one was too);</item>
/// <item>in the last segment with nothing intact after it: a torn tail, the remains of an unfinished write.</item>
/// </list>
/// Where the rest of a segment is all zeros, it is not damage but space the writer preallocated: the
/// segment's frames end there.
/// Damage inside a frame whose checksum matches is always corruption: we wrote it that way, or it is not ours.
/// </summary>
internal static class SegmentReader
{
    /// <summary>
    /// Returns the torn tail found, or null; the caller decides whether to truncate. <paramref name="end"/> is
    /// where the segment's intact frames end (before a torn tail or preallocated zeros).
    /// </summary>
    public static TornTail? Replay(string path, SegmentName name, ReadOnlyMemory<byte> bytes, bool isLast, LogReplay log, out long end)
    {
        ReadOnlySpan<byte> span = bytes.Span;
        long offset = 0;
        bool first = true;
        end = span.Length;
        while (offset < span.Length)
        {
            string? problem = WalFormat.TryReadFrame(span, offset, out int payloadLength);
            if (problem is not null)
            {
                end = offset;
                if (span[(int)offset..].IndexOfAnyExcept((byte)0) < 0)
                {
                    return null; // preallocated zeros: no frame was ever written here
                }

                if (!isLast)
                {
                    throw LogReplay.Corrupt($"{problem}, in a segment that is not the last one (a segment is complete before the next one starts)", path, offset);
                }

                long next = WalFormat.FindNextIntactFrame(span, offset);
                if (next >= 0)
                {
                    throw LogReplay.Corrupt($"{problem}, and an intact record follows at byte {next}, so this is not a torn write", path, offset);
                }

                return new TornTail(path, offset, span.Length - offset, problem);
            }

            ReadOnlyMemory<byte> payload = bytes.Slice((int)offset + WalFormat.FrameHeaderBytes, payloadLength);
            ApplyFrame(path, name, payload, offset + WalFormat.FrameHeaderBytes, first, log);
            first = false;
            offset += WalFormat.FrameHeaderBytes + payloadLength;
        }

        return null;
    }

    private static void ApplyFrame(string path, SegmentName name, ReadOnlyMemory<byte> payload, long payloadOffset, bool firstFrame, LogReplay log)
    {
        ReadOnlySpan<byte> span = payload.Span;
        int position = 0;
        while (position < span.Length)
        {
            long at = payloadOffset + position;
            if (span.Length - position < WalFormat.RecordHeaderBytes)
            {
                throw LogReplay.Corrupt("a record header is cut short inside a frame whose checksum matches", path, at);
            }

            var type = (WalRecordType)span[position];
            int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(span[(position + 1)..]);
            int bodyStart = position + WalFormat.RecordHeaderBytes;
            if (bodyLength < 0 || bodyLength > span.Length - bodyStart)
            {
                throw LogReplay.Corrupt($"record length {bodyLength} runs past the end of its frame", path, at);
            }

            ReadOnlySpan<byte> body = span.Slice(bodyStart, bodyLength);
            bool segmentStart = firstFrame && position == 0;
            if (segmentStart != (type == WalRecordType.SegmentStart))
            {
                throw LogReplay.Corrupt(segmentStart ? "the segment does not begin with a segment-start record" : "a segment-start record in the middle of a segment", path, at);
            }

            switch (type)
            {
                case WalRecordType.SegmentStart when bodyLength == 16:
                    var recorded = new SegmentName(BinaryPrimitives.ReadUInt64LittleEndian(body), BinaryPrimitives.ReadUInt64LittleEndian(body[8..]));
                    if (recorded != name)
                    {
                        throw LogReplay.Corrupt($"the segment says it is {recorded.FileName}, not its file name", path, at);
                    }

                    break;
                case WalRecordType.HardState when bodyLength == 24:
                    log.ApplyHardState(new StoredHardState(
                        BinaryPrimitives.ReadUInt64LittleEndian(body),
                        BinaryPrimitives.ReadUInt64LittleEndian(body[8..]),
                        BinaryPrimitives.ReadUInt64LittleEndian(body[16..])));
                    break;
                case WalRecordType.Entry when bodyLength >= WalFormat.EntryBodyFixedBytes:
                    log.ApplyEntry(
                        new StoredEntry(
                            BinaryPrimitives.ReadUInt64LittleEndian(body),
                            BinaryPrimitives.ReadUInt64LittleEndian(body[8..]),
                            body[16],
                            payload.Slice(bodyStart + WalFormat.EntryBodyFixedBytes, bodyLength - WalFormat.EntryBodyFixedBytes)),
                        path,
                        at);
                    break;
                case WalRecordType.Snapshot when bodyLength == 17:
                    log.ApplySnapshot(
                        BinaryPrimitives.ReadUInt64LittleEndian(body),
                        BinaryPrimitives.ReadUInt64LittleEndian(body[8..]),
                        (body[16] & WalFormat.SnapshotFlagReplacesLog) != 0,
                        path,
                        at);
                    break;
                default:
                    throw LogReplay.Corrupt($"unknown record type {(byte)type} or wrong body length {bodyLength}", path, at);
            }

            position = bodyStart + bodyLength;
        }
    }
}
