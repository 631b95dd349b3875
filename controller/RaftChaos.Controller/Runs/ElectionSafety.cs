using System.Globalization;
using System.Text.RegularExpressions;

namespace RaftChaos.Controller.Runs;

/// <summary>Two or more nodes that each became leader of the same term.</summary>
/// <param name="Term">The term.</param>
/// <param name="Leaders">The node ids, sorted.</param>
/// <param name="SecondLeaderAt">
/// When the second of them took the term, from the engine's timestamp on its log line (the host's clock, not the
/// node's possibly skewed one); null when the lines carry no engine timestamp.
/// </param>
public sealed record ElectionSafetyViolation(ulong Term, IReadOnlyList<string> Leaders, DateTimeOffset? SecondLeaderAt = null)
{
    /// <inheritdoc />
    public override string ToString() => $"term {Term} had {Leaders.Count} leaders: {string.Join(", ", Leaders)}";
}

/// <summary>
/// Raft's election safety (at most one leader per term), checked on the nodes' own logs after the run: every
/// <c>event=RoleChanged role=leader term=T</c> line names a node that led term T. The history cannot show a second
/// leader unless clients happen to see divergent states; the logs show it whenever it happened. Pure: text in, findings out.
/// </summary>
public static partial class ElectionSafety
{
    /// <summary>Checks the node logs of a run folder's <c>nodes/</c> directory (every <c>*.log</c>).</summary>
    public static IReadOnlyList<ElectionSafetyViolation> CheckDirectory(string nodesDirectory) => Check(NodeLogs.ReadLines(nodesDirectory));

    /// <summary>Checks log lines of any number of nodes, in any order.</summary>
    public static IReadOnlyList<ElectionSafetyViolation> Check(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // term -> node -> when it first logged leading that term (null: no engine timestamp on the line)
        var leaders = new Dictionary<ulong, SortedDictionary<string, DateTimeOffset?>>();
        foreach (var line in lines)
        {
            if (!line.Contains("event=RoleChanged", StringComparison.Ordinal)) continue;
            var match = LeaderLine().Match(line);
            if (!match.Success) continue;
            var term = ulong.Parse(match.Groups["term"].Value, CultureInfo.InvariantCulture);
            if (!leaders.TryGetValue(term, out var nodes)) leaders[term] = nodes = new SortedDictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
            NodeLogs.KeepEarliest(nodes, match.Groups["node"].Value, NodeLogs.EngineTimestamp(line));
        }
        return [.. leaders.Where(t => t.Value.Count > 1).OrderBy(t => t.Key).Select(t => new ElectionSafetyViolation(t.Key, [.. t.Value.Keys], SecondLeader(t.Value.Values)))];
    }

    /// <summary>The second-earliest of the leaders' first lines: the moment the term had two leaders.</summary>
    private static DateTimeOffset? SecondLeader(IEnumerable<DateTimeOffset?> firstLines)
    {
        var times = firstLines.ToList();
        return times.Any(t => t is null) ? null : times.Order().ElementAt(1);
    }

    // The node's logfmt line: ... node=n2 event=RoleChanged role=leader previous_role=candidate term=3 leader=n2 ...
    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=RoleChanged\b.*\brole=leader\b.*\bterm=(?<term>\d+)\b")]
    private static partial Regex LeaderLine();
}
