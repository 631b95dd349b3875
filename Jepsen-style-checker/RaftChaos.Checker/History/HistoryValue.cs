using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// The <c>value</c> of a history event: <see cref="NullValue"/>, <see cref="IntegerValue"/>,
/// <see cref="StringValue"/>, <see cref="ListValue"/>, or <see cref="RawJsonValue"/> for anything else
/// (nemesis payloads such as a grudge map). Values compare structurally.
/// </summary>
public abstract record HistoryValue
{
    // Closed hierarchy: only the cases in this assembly.
    private protected HistoryValue()
    {
    }

    /// <summary>JSON <c>null</c>: a read's invoke value, or a read of a key never written.</summary>
    public static HistoryValue Null => NullValue.Instance;

    // Values a history repeats on most lines share one instance each: a million-event history held a million of them.
    private static readonly IntegerValue[] SmallIntegers = [.. Enumerable.Range(-1, 1026).Select(value => new IntegerValue(value))];

    /// <summary>An integer value.</summary>
    public static HistoryValue Of(long value) =>
        value >= -1 && value <= 1024 ? SmallIntegers[value + 1] : new IntegerValue(value);

    /// <summary>A string value.</summary>
    public static HistoryValue Of(string value) => new StringValue(value);

    /// <summary>A list value, e.g. a cas's <c>[expected, new]</c>.</summary>
    public static HistoryValue ListOf(params HistoryValue[] items) => new ListValue(items);

    /// <summary>True for <see cref="NullValue"/>.</summary>
    public bool IsNull => this is NullValue;

    /// <summary>True for null, integers and strings: the values a register can hold.</summary>
    public bool IsScalar => this is NullValue or IntegerValue or StringValue;

    /// <summary>Writes the value as JSON.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The value as compact JSON text, e.g. <c>[1,2]</c> or <c>"x"</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <inheritdoc />
    public sealed override string ToString() => ToJson();
}
