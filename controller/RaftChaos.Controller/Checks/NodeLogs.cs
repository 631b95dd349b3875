using System.Globalization;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// The node logs a run collected (<c>nodes/*.log</c>, one logfmt line per event, each prefixed by the engine's
/// timestamp): what the checks that read them (<see cref="INodeLogCheck"/>s) share.
/// </summary>
public static class NodeLogs
{
    /// <summary>Every line of every <c>*.log</c> in <paramref name="nodesDirectory"/>; nothing when it does not exist.</summary>
    public static IEnumerable<string> ReadLines(string nodesDirectory) =>
        Directory.Exists(nodesDirectory) ? Directory.EnumerateFiles(nodesDirectory, "*.log").SelectMany(File.ReadLines) : [];

    /// <summary>
    /// Records that <paramref name="key"/> showed in a line at <paramref name="at"/>, keeping its earliest time (a known
    /// time beats an unknown one, null when no line had a timestamp). The checks report each finding at its first line.
    /// </summary>
    public static void KeepEarliest<TKey>(IDictionary<TKey, DateTimeOffset?> first, TKey key, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(first);
        if (!first.TryGetValue(key, out var earlier) || (at is not null && (earlier is null || at < earlier))) first[key] = at;
    }

    /// <summary>
    /// The engine's RFC 3339 timestamp that starts a collected line (<c>docker logs --timestamps</c>), or null. It is
    /// the host's clock: the node's own <c>ts=</c> may be skewed by a clock fault.
    /// </summary>
    public static DateTimeOffset? EngineTimestamp(string line)
    {
        var end = line.IndexOf(' ', StringComparison.Ordinal);
        return end > 0 && DateTimeOffset.TryParse(line.AsSpan(0, end), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    /// <summary>
    /// Seconds from <paramref name="origin"/> (the host's wall clock at history time 0) to <paramref name="at"/>: a
    /// log line's moment on the history's clock, never negative; null when the line had no timestamp.
    /// </summary>
    public static double? SecondsSince(DateTimeOffset origin, DateTimeOffset? at) =>
        at is { } moment ? Math.Max(0, (moment - origin).TotalSeconds) : null;
}
