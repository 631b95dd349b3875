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

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private byte[] buffer = new byte[InitialBufferSize];
    private int start;
    private int end;
    private bool endOfStream;
    private int physicalLine;
    private long eventCount;

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
            historyEvent = new HistoryEventParser(Source, LineNumber).Parse(line, eventCount);
            eventCount++;
            return true;
        }

        historyEvent = null;
        return false;
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
