using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// Any other JSON (an object, a boolean, a non-integer number), kept as its compact text.
/// Nemesis payloads land here; a client operation with such a value is malformed for the built-in functions.
/// </summary>
/// <param name="Json">The compact JSON text.</param>
public sealed record RawJsonValue(string Json) : HistoryValue
{
    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(Json, skipInputValidation: true);
}
