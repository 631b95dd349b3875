using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// Reads a JSON Lines history one event at a time, without loading the file. Blank lines are skipped.
/// Anything malformed throws <see cref="HistoryFormatException"/> naming the source, the line and the reason.
/// This reader checks each line on its own; checks across lines (pairing, time order) are <see cref="OperationPairer"/>'s.
/// </summary>
public sealed class HistoryReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    // Below this many lines per thread, a batch is parsed on the calling thread alone.
    private const int MinLinesPerThread = 2048;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private byte[] buffer = new byte[InitialBufferSize];
    private int start;
    private int end;
    private bool endOfStream;
    private int physicalLine;
    private long eventCount;

    // One interner per thread that parses a part of a batch (the first is TryRead's too).
    private TextInterner[] interners = [new()];

    // A batch's lines, copied out of the read buffer (which moves on refill) so that threads can parse them.
    private byte[] batchBytes = [];
    private int[] batchStarts = [];
    private int[] batchLengths = [];
    private long[] batchOrdinals = [];

    // The malformed line found by the last batch, thrown once the events before it were handed out.
    private HistoryFormatException? pendingError;

    /// <summary>Reads from <paramref name="stream"/> (UTF-8).</summary>
    /// <param name="stream">The history bytes.</param>
    /// <param name="source">The name used in error messages, normally the path as the user gave it.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public HistoryReader(Stream stream, string source, bool leaveOpen = false)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Source = source;
    }

    /// <summary>The name used in error messages.</summary>
    public string Source { get; }

    /// <summary>1-based line number of the event most recently returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens a file for sequential reading; <paramref name="path"/> is also the source name.</summary>
    public static HistoryReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), path);

    /// <summary>Reads the next event, or returns false at the end of the history.</summary>
    /// <exception cref="HistoryFormatException">The next non-blank line is not a valid event.</exception>
    public bool TryRead([NotNullWhen(true)] out HistoryEvent? historyEvent)
    {
        while (TryReadLine(out var lineStart, out var lineLength))
        {
            var line = new ReadOnlySpan<byte>(buffer, lineStart, lineLength);
            if (physicalLine == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            LineNumber = physicalLine;
            historyEvent = new HistoryEventParser(Source, LineNumber, interners[0]).Parse(line, eventCount);
            eventCount++;
            return true;
        }

        historyEvent = null;
        return false;
    }

    /// <summary>
    /// Reads up to <c>events.Length</c> events at once, parsing their lines on up to <see cref="Environment.ProcessorCount"/>
    /// threads (lines are independent; parsing was most of the time to load a large history). Event i came from 1-based
    /// line <c>lines[i]</c>. Returns how many were read, 0 at the end. A malformed line ends the batch before it and is
    /// thrown by the next call, so a caller that checks across lines (pairing) reports an earlier error first, as with
    /// <see cref="TryRead"/>.
    /// </summary>
    /// <exception cref="HistoryFormatException">The next non-blank line is not a valid event.</exception>
    internal int ReadBatch(HistoryEvent[] events, int[] lines)
    {
        if (pendingError is { } error)
        {
            pendingError = null;
            throw error;
        }

        var count = CollectBatch(events.Length, lines);
        if (count == 0)
        {
            return 0;
        }

        var parts = Math.Clamp(count / MinLinesPerThread, 1, Environment.ProcessorCount);
        if (interners.Length < parts)
        {
            interners = [.. interners, .. Enumerable.Range(0, parts - interners.Length).Select(_ => new TextInterner())];
        }

        var errors = new HistoryFormatException?[parts];
        var parsed = new int[parts];
        void ParsePart(int part)
        {
            var (from, to) = ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
            for (var i = from; i < to; i++)
            {
                try
                {
                    var line = new ReadOnlySpan<byte>(batchBytes, batchStarts[i], batchLengths[i]);
                    events[i] = new HistoryEventParser(Source, lines[i], interners[part]).Parse(line, batchOrdinals[i]);
                }
                catch (HistoryFormatException ex)
                {
                    errors[part] = ex;
                    break;
                }
            }
        }

        if (parts == 1)
        {
            ParsePart(0);
        }
        else
        {
            Parallel.For(0, parts, ParsePart);
        }

        for (var part = 0; part < parts; part++)
        {
            if (errors[part] is { } found)
            {
                // Parts are in line order, so the first part with an error has the first malformed line.
                pendingError = found;
                count = Array.FindIndex(lines, 0, count, line => line == found.Line);
                if (count == 0)
                {
                    pendingError = null;
                    throw found;
                }

                break;
            }
        }

        LineNumber = count > 0 ? lines[count - 1] : LineNumber;
        return count;
    }

    /// <summary>All remaining events, lazily.</summary>
    public IEnumerable<HistoryEvent> ReadAll()
    {
        while (TryRead(out var historyEvent))
        {
            yield return historyEvent;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    // Copies up to max non-blank lines into the batch arrays; returns how many.
    private int CollectBatch(int max, int[] lines)
    {
        if (batchStarts.Length < max)
        {
            (batchStarts, batchLengths, batchOrdinals) = (new int[max], new int[max], new long[max]);
        }

        var (count, used) = (0, 0);
        while (count < max && TryReadLine(out var lineStart, out var lineLength))
        {
            var line = new ReadOnlySpan<byte>(buffer, lineStart, lineLength);
            if (physicalLine == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (used + line.Length > batchBytes.Length)
            {
                Array.Resize(ref batchBytes, Math.Max(batchBytes.Length * 2, used + line.Length));
            }

            line.CopyTo(batchBytes.AsSpan(used));
            (batchStarts[count], batchLengths[count], batchOrdinals[count], lines[count]) = (used, line.Length, eventCount++, physicalLine);
            used += line.Length;
            count++;
        }

        return count;
    }

    // Finds the next '\n'-terminated line (or the unterminated last line) in the buffer, refilling it as needed.
    private bool TryReadLine(out int lineStart, out int lineLength)
    {
        var searchFrom = start;
        while (true)
        {
            var newline = new ReadOnlySpan<byte>(buffer, searchFrom, end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lineStart = start;
                lineLength = searchFrom + newline - start;
                start = searchFrom + newline + 1;
                physicalLine++;
                return true;
            }

            if (endOfStream)
            {
                lineStart = start;
                lineLength = end - start;
                start = end;
                if (lineLength == 0)
                {
                    return false;
                }

                physicalLine++;
                return true;
            }

            searchFrom = Refill();
        }
    }

    // Moves the partial line to the front (growing the buffer for very long lines) and reads more bytes.
    // Returns where the newline search should resume.
    private int Refill()
    {
        var pending = end - start;
        if (pending == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, pending);
        }

        start = 0;
        end = pending;
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            endOfStream = true;
        }

        end += read;
        return pending;
    }
}
