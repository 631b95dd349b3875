using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>JSON <c>null</c>. There is one instance: <see cref="HistoryValue.Null"/>.</summary>
public sealed record NullValue : HistoryValue
{
    private NullValue()
    {
    }

    /// <summary>The only instance.</summary>
    public static NullValue Instance { get; } = new();

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNullValue();
}
