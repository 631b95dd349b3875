using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>A JSON string.</summary>
/// <param name="Value">The string.</param>
public sealed record StringValue(string Value) : HistoryValue
{
    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);
}
