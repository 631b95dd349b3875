using System.Text;
using System.Text.Json;

namespace RaftChaos.Checker.History;

/// <summary>
/// Hands out one string per distinct short text a history repeats on every line (keys, nodes, error codes), so that a
/// history of a million events over ten thousand keys holds ten thousand key strings, not two million. Strings longer
/// than <see cref="MaxLength"/> and texts past <see cref="MaxEntries"/> distinct ones are allocated as usual, so a
/// history of unique strings costs no more than before. One per reader; not thread-safe.
/// </summary>
internal sealed class TextInterner
{
    private const int MaxLength = 64;
    private const int MaxEntries = 1 << 20;

    private readonly HashSet<string> texts = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public TextInterner() => lookup = texts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token's text (the reader must be on a string).</summary>
    public string Intern(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> buffer = stackalloc char[MaxLength];
        var written = reader.CopyString(buffer);
        var text = buffer[..written];
        if (lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var created = new string(text);
        if (texts.Count < MaxEntries)
        {
            texts.Add(created);
        }

        return created;
    }
}
