using System.Globalization;
using System.Text;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// One key's value in the built-in models: null (never written), an integer, or a string. A string is a persistent
/// chain of appended pieces (<c>parent + piece</c>) with its length and a polynomial hash kept incrementally, so an
/// append costs the length of the piece rather than of the whole string, and comparing with a read's string usually
/// fails on the last piece. Immutable; equality is by value (a chain equals any chain or written string with the same text).
/// </summary>
public sealed class KeyValueState : IEquatable<KeyValueState>
{
    private const ulong HashBase = 0x100000001B3UL;

    private readonly HistoryValue? scalar;
    private readonly KeyValueState? parent;
    private readonly string piece = "";
    private readonly ulong hash;

    private KeyValueState(HistoryValue scalar)
    {
        this.scalar = scalar;
        hash = (ulong)scalar.GetHashCode();
    }

    private KeyValueState(KeyValueState? parent, string piece)
    {
        this.parent = parent;
        this.piece = piece;
        var (pieceHash, power) = PolynomialHash(piece);
        hash = ((parent?.hash ?? 0) * power) + pieceHash;
        Length = (parent?.Length ?? 0) + piece.Length;
    }

    /// <summary>A key never written.</summary>
    public static KeyValueState Absent { get; } = new(HistoryValue.Null);

    /// <summary>True for a string.</summary>
    public bool IsText => scalar is null;

    /// <summary>The string's length (0 for null and integers).</summary>
    public int Length { get; }

    /// <summary>The state holding <paramref name="value"/> (null, an integer or a string).</summary>
    public static KeyValueState Of(HistoryValue value) => value switch
    {
        NullValue => Absent,
        StringValue text => new KeyValueState(null, text.Value),
        _ => new KeyValueState(value),
    };

    /// <summary>This value as a kv string with <paramref name="suffix"/> appended (absent counts as "").</summary>
    public KeyValueState Append(string suffix) => IsText
        ? new KeyValueState(this, suffix)
        : new KeyValueState(null, AsKeyValueString() + suffix);

    /// <summary>Whether this value equals <paramref name="value"/> under register semantics (null is not "").</summary>
    public bool Matches(HistoryValue value) => value switch
    {
        StringValue text => IsText && TextEquals(text.Value),
        _ => !IsText && scalar!.Equals(value),
    };

    /// <summary>Whether this value, read as a kv string (absent = ""), is <paramref name="text"/>.</summary>
    public bool MatchesKeyValueString(string text) => IsText ? TextEquals(text) : AsKeyValueString() == text;

    /// <inheritdoc />
    public bool Equals(KeyValueState? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || IsText != other.IsText || hash != other.hash)
        {
            return false;
        }

        return IsText ? Length == other.Length && TextEquals(other.ToText()) : scalar!.Equals(other.scalar);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KeyValueState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)(hash ^ (hash >> 32));

    /// <summary>The value as JSON: <c>null</c>, <c>3</c> or <c>"text"</c>.</summary>
    public override string ToString() => IsText ? new StringValue(ToText()).ToJson() : scalar!.ToJson();

    private static (ulong Hash, ulong Power) PolynomialHash(string text)
    {
        ulong value = 0, power = 1;
        foreach (var c in text)
        {
            value = (value * HashBase) + c;
            power *= HashBase;
        }

        return (value, power);
    }

    private string AsKeyValueString() => IsText ? ToText() : scalar is NullValue ? "" : scalar!.ToJson();

    // Compares from the end, piece by piece: appended histories differ near the end, so a mismatch is found early.
    private bool TextEquals(string text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        var end = text.Length;
        for (var node = this; node is not null; node = node.parent)
        {
            end -= node.piece.Length;
            if (!text.AsSpan(end, node.piece.Length).SequenceEqual(node.piece))
            {
                return false;
            }
        }

        return true;
    }

    private string ToText()
    {
        if (parent is null)
        {
            return piece;
        }

        var pieces = new Stack<string>();
        for (var node = this; node is not null; node = node.parent)
        {
            pieces.Push(node.piece);
        }

        var builder = new StringBuilder(Length);
        foreach (var text in pieces)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }
}
