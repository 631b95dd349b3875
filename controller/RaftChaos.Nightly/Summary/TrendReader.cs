using System.Text.Json;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// Reads the last nights found under <c>STORE/nightly/*/summary.json</c> for the trend. A summary that cannot be read
/// (a night killed while writing it, a hand-edited file) is skipped: the trend is a view, not a check. Reads both
/// formats: camelCase (written since format 2) and the snake_case of older nights, so the trend spans the change.
/// </summary>
public static class TrendReader
{
    /// <summary>Default number of nights the trend shows.</summary>
    public const int DefaultNights = 14;

    /// <summary>The last <paramref name="nights"/> nights under <paramref name="nightlyDirectory"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<NightTrend>> ReadAsync(string nightlyDirectory, int nights, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(nightlyDirectory))
        {
            return [];
        }

        var trend = new List<NightTrend>();
        var folders = Directory.GetDirectories(nightlyDirectory).Order(StringComparer.Ordinal).ToArray();
        foreach (var folder in folders.Reverse())
        {
            if (trend.Count == nights)
            {
                break;
            }

            var path = Path.Combine(folder, SummaryJson.FileName);
            if (!File.Exists(path))
            {
                continue;
            }

            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            if (Parse(text, Path.GetFileName(folder)) is { } night)
            {
                trend.Add(night);
            }
        }

        trend.Reverse();
        return trend;
    }

    /// <summary>Parses one summary.json; null when it is not one.</summary>
    public static NightTrend? Parse(string json, string folderName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("totals", out var totals) || totals.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            root.TryGetProperty("figures", out var figures);
            return new NightTrend(
                root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : folderName,
                root.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True,
                new NightFigures(
                    Int(totals, "cleanRuns", "clean_runs"), Int(totals, "valid"), Int(totals, "invalid"), Int(totals, "unknown"),
                    Int(totals, "errors"), Int(totals, "bugs"), Int(totals, "bugsCaught", "bugs_caught"),
                    Double(figures, "timeWithoutLeaderSMedian", "time_without_leader_s_median"),
                    Double(figures, "killToNextWriteSMedian", "kill_to_next_write_s_median")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The camelCase name first; oldName is the snake_case one of nights written before format 2.
    private static int Int(JsonElement parent, string name, string? oldName = null) =>
        Find(parent, name, oldName) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? n : 0;

    private static double? Double(JsonElement parent, string name, string oldName) =>
        Find(parent, name, oldName) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private static JsonElement? Find(JsonElement parent, string name, string? oldName)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (parent.TryGetProperty(name, out var value))
        {
            return value;
        }

        return oldName is not null && parent.TryGetProperty(oldName, out var old) ? old : null;
    }
}
