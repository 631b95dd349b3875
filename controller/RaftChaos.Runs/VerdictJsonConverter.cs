using System.Text.Json;
using System.Text.Json.Serialization;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Runs;

/// <summary>A verdict as files spell it: <c>valid</c>, <c>invalid</c>, <c>unknown</c> (<see cref="ComposedVerdict.Word"/>); any other word is an error.</summary>
internal sealed class VerdictJsonConverter : JsonConverter<Verdict>
{
    public override Verdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() switch
        {
            "valid" => Verdict.Valid,
            "invalid" => Verdict.Invalid,
            "unknown" => Verdict.Unknown,
            var other => throw new JsonException($"a verdict is valid, invalid or unknown, not \"{other}\""),
        }
        : throw new JsonException($"a verdict is a string (valid, invalid or unknown), not {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, Verdict value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ComposedVerdict.Word(value));
}
