using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// Parses one line of a history into a <see cref="HistoryEvent"/> with <see cref="Utf8JsonReader"/>
/// (no DOM, no string for the line). Unknown fields are ignored so writers may add more.
/// </summary>
internal readonly struct HistoryEventParser(string source, int line, TextInterner texts)
{
    /// <summary>Parses <paramref name="json"/>; <paramref name="ordinal"/> is the index used when the line has none.</summary>
    public HistoryEvent Parse(ReadOnlySpan<byte> json, long ordinal)
    {
        try
        {
            return ParseObject(json, ordinal);
        }
        catch (JsonException ex)
        {
            throw Error($"invalid JSON at column {(ex.BytePositionInLine ?? 0) + 1}");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this for a string that is not valid UTF-8.
            throw Error("invalid UTF-8 in a string");
        }
    }

    private HistoryEvent ParseObject(ReadOnlySpan<byte> json, long ordinal)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error("expected a JSON object");
        }

        long? index = null;
        ProcessId? process = null;
        HistoryEventType? type = null;
        string? f = null;
        string? key = null;
        HistoryValue value = HistoryValue.Null;
        long? time = null;
        string? error = null;
        string? node = null;
        string? redirectedFrom = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = ReadInteger(ref reader, "index", "an integer");
            }
            else if (reader.ValueTextEquals("process"u8))
            {
                reader.Read();
                process = ReadProcess(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ReadType(ref reader);
            }
            else if (reader.ValueTextEquals("f"u8))
            {
                reader.Read();
                f = ReadFunction(ref reader);
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                reader.Read();
                key = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => texts.Intern(ref reader),
                    _ => throw Error("field \"key\" must be a string or null"),
                };
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = ReadValue(ref reader);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = ReadInteger(ref reader, "time", "an integer (nanoseconds)");
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ReadOptionalText(ref reader, "error");
            }
            else if (reader.ValueTextEquals("node"u8))
            {
                reader.Read();
                node = ReadOptionalText(ref reader, "node");
            }
            else if (reader.ValueTextEquals("redirected-from"u8))
            {
                reader.Read();
                redirectedFrom = ReadOptionalText(ref reader, "redirected-from");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reading past the object makes Utf8JsonReader reject trailing content as invalid JSON.
        while (reader.Read())
        {
        }

        return new HistoryEvent(
            index ?? ordinal,
            process ?? throw MissingField("process"),
            type ?? throw MissingField("type"),
            f ?? throw MissingField("f"),
            key,
            value,
            time ?? throw MissingField("time"))
        {
            Error = error,
            Node = node,
            RedirectedFrom = redirectedFrom,
        };
    }

    /// <summary>Reads a value: integers, strings, null and arrays of them are typed; anything else is kept as raw JSON.</summary>
    internal static HistoryValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return HistoryValue.Null;
            case JsonTokenType.String:
                return new StringValue(reader.GetString()!);
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return HistoryValue.Of(number);
            case JsonTokenType.StartArray:
                var items = new List<HistoryValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new ListValue(items.ToArray());
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return new RawJsonValue(document.RootElement.GetRawText());
                }
        }
    }

    private long ReadInteger(ref Utf8JsonReader reader, string field, string expected) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)
            ? number
            : throw Error($"field \"{field}\" must be {expected}");

    // error, node and redirected-from: optional, any string (a code this version does not know still loads), or null.
    private string? ReadOptionalText(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => texts.Intern(ref reader),
        _ => throw Error($"field \"{field}\" must be a string or null"),
    };

    private ProcessId ReadProcess(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) && id >= 0)
        {
            return ProcessId.Client(id);
        }

        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("nemesis"u8))
        {
            return ProcessId.Nemesis;
        }

        throw Error("field \"process\" must be a non-negative integer or \"nemesis\"");
    }

    private HistoryEventType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error("field \"type\" must be a string");
        }

        if (reader.ValueTextEquals("invoke"u8))
        {
            return HistoryEventType.Invoke;
        }

        if (reader.ValueTextEquals("ok"u8))
        {
            return HistoryEventType.Ok;
        }

        if (reader.ValueTextEquals("fail"u8))
        {
            return HistoryEventType.Fail;
        }

        if (reader.ValueTextEquals("info"u8))
        {
            return HistoryEventType.Info;
        }

        throw Error($"unknown type \"{reader.GetString()}\" (expected invoke, ok, fail or info)");
    }

    // The common functions come back as literals so a long history does not hold a string per event.
    private string ReadFunction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error("field \"f\" must be a string");
        }

        foreach (var known in OperationShape.KnownFunctions)
        {
            if (reader.ValueTextEquals(known))
            {
                return known;
            }
        }

        var f = reader.GetString()!;
        return f.Length > 0 ? f : throw Error("field \"f\" must not be empty");
    }

    private HistoryFormatException MissingField(string field) => Error($"missing field \"{field}\"");

    private HistoryFormatException Error(string reason) => new(source, line, reason);
}
