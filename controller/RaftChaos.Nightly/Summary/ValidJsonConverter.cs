using System.Text.Json;
using System.Text.Json.Serialization;

namespace RaftChaos.Nightly.Summary;

/// <summary>A run's <c>valid</c>: <c>true</c>, <c>false</c>, or <c>"unknown"</c> for anything without a verdict (never null).</summary>
internal sealed class ValidJsonConverter : JsonConverter<bool?>
{
    private const string Unknown = "unknown";

    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String or JsonTokenType.Null => null,
        _ => throw new JsonException($"valid must be true, false or \"{Unknown}\""),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } valid)
        {
            writer.WriteBooleanValue(valid);
        }
        else
        {
            writer.WriteStringValue(Unknown);
        }
    }
}
