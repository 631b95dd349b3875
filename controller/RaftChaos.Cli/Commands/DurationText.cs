using System.Globalization;

namespace RaftChaos.Cli.Commands;

/// <summary>Durations on the command line: a number with ms, s or m ("500ms", "2s", "1m"); a bare number is seconds.</summary>
internal static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; false for anything else or a negative value.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n)) return false;
        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }

    /// <summary>The shortest text that parses back to <paramref name="value"/> ("2s", "500ms").</summary>
    public static string Format(TimeSpan value) => value.TotalMilliseconds % 1000 == 0
        ? ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
        : value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
