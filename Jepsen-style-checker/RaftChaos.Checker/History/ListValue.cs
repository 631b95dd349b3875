using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>A JSON array of values, compared element by element.</summary>
/// <param name="Items">The elements.</param>
public sealed record ListValue(IReadOnlyList<HistoryValue> Items) : HistoryValue
{
    /// <summary>Structural equality (a record would compare the list by reference).</summary>
    public bool Equals(ListValue? other) =>
        other is not null && (ReferenceEquals(this, other) || Items.SequenceEqual(other.Items));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
