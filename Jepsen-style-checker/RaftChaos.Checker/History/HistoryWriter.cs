using System.Buffers;
using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// Writes events in the JSON Lines history format, one complete line per event, in the order given.
/// Not thread-safe: the recorder serializes calls (a history has one order). Fields are written in the order
/// index, process, type, f, key, value, time, then error, node and redirected-from when the event has them; a nemesis
/// event with no key omits <c>key</c>, as in DESIGN.md.
/// </summary>
public sealed class HistoryWriter : IDisposable, IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly ArrayBufferWriter<byte> line = new(256);
    private readonly Utf8JsonWriter json;

    /// <summary>Writes to <paramref name="stream"/> (UTF-8, '\n' line ends).</summary>
    public HistoryWriter(Stream stream, bool leaveOpen = false)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        json = new Utf8JsonWriter(line, JsonOptions);
    }

    /// <summary>Creates (or truncates) a history file.</summary>
    public static HistoryWriter Create(string path) => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));

    /// <summary>Appends one event as one line (buffered; see <see cref="Flush"/>).</summary>
    public void Write(HistoryEvent historyEvent)
    {
        FormatLine(historyEvent);
        stream.Write(line.WrittenSpan);
    }

    /// <summary>Appends one event as one line and flushes it, so a crash loses at most the line being written.</summary>
    public async ValueTask WriteAndFlushAsync(HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        FormatLine(historyEvent);
        await stream.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes buffered lines to the underlying stream.</summary>
    public void Flush() => stream.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        json.Dispose();
        stream.Flush();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync().ConfigureAwait(false);
        await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (!leaveOpen)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The line for one event, without writing it anywhere (for tests and in-memory sinks).</summary>
    public static string FormatLine(HistoryEvent historyEvent, bool withNewline)
    {
        using var writer = new HistoryWriter(Stream.Null);
        writer.FormatLine(historyEvent);
        var text = System.Text.Encoding.UTF8.GetString(writer.line.WrittenSpan);
        return withNewline ? text : text[..^1];
    }

    private void FormatLine(HistoryEvent historyEvent)
    {
        line.ResetWrittenCount();
        json.Reset(line);
        json.WriteStartObject();
        json.WriteNumber("index"u8, historyEvent.Index);
        if (historyEvent.Process.IsNemesis)
        {
            json.WriteString("process"u8, "nemesis"u8);
        }
        else
        {
            json.WriteNumber("process"u8, historyEvent.Process.ClientId);
        }

        json.WriteString("type"u8, historyEvent.Type switch
        {
            HistoryEventType.Invoke => "invoke"u8,
            HistoryEventType.Ok => "ok"u8,
            HistoryEventType.Fail => "fail"u8,
            _ => "info"u8,
        });
        json.WriteString("f"u8, historyEvent.F);
        if (historyEvent.Key is not null)
        {
            json.WriteString("key"u8, historyEvent.Key);
        }
        else if (!historyEvent.Process.IsNemesis)
        {
            json.WriteNull("key"u8);
        }

        json.WritePropertyName("value"u8);
        historyEvent.Value.WriteTo(json);
        json.WriteNumber("time"u8, historyEvent.Time);
        WriteIfPresent("error"u8, historyEvent.Error);
        WriteIfPresent("node"u8, historyEvent.Node);
        WriteIfPresent("redirected-from"u8, historyEvent.RedirectedFrom);
        json.WriteEndObject();
        json.Flush();
        line.Write("\n"u8);
    }

    // Absent fields are left out, not written as null: a history without reasons stays byte for byte what it was.
    private void WriteIfPresent(ReadOnlySpan<byte> name, string? text)
    {
        if (text is not null)
        {
            json.WriteString(name, text);
        }
    }
}
