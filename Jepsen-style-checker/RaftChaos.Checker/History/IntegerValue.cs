using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>A JSON integer (64-bit).</summary>
/// <param name="Value">The integer.</param>
public sealed record IntegerValue(long Value) : HistoryValue
{
    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);
}
