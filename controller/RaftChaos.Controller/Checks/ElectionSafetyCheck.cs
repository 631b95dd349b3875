using System.Globalization;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// Raft's election safety (at most one leader per term), checked on the nodes' own logs after the run: every
/// <c>event=RoleChanged role=leader term=T</c> line names a node that led term T (or, for another system, every line its
/// <see cref="LeaderLineParser"/> reads, such as etcd's <c>elected leader X at term T</c>). The history cannot show a second
/// leader unless clients happen to see divergent states; the logs show it whenever it happened. A finding is timed by
/// the engine's timestamp on the second leader's first line (the host's clock, not the node's possibly skewed one).
/// </summary>
public sealed class ElectionSafetyCheck : INodeLogCheck
{
    private readonly LeaderLineParser _parse;

    /// <summary>Election safety on our node's lines (<see cref="LeaderLines"/>).</summary>
    public ElectionSafetyCheck()
        : this(LeaderLines.TryParse)
    {
    }

    /// <summary>Election safety on the lines <paramref name="parse"/> reads (another system's, e.g. <see cref="EtcdLeaderLines"/>).</summary>
    public ElectionSafetyCheck(LeaderLineParser parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        _parse = parse;
    }

    /// <inheritdoc />
    public string Name => "election-safety";

    /// <inheritdoc />
    public CheckOutcome Check(IEnumerable<string> lines, DateTimeOffset historyOrigin)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // term -> node -> when it first logged leading that term (null: no engine timestamp on the line)
        var leaders = new Dictionary<ulong, SortedDictionary<string, DateTimeOffset?>>();
        foreach (var line in lines)
        {
            if (!_parse(line, out var node, out var term)) continue;
            if (!leaders.TryGetValue(term, out var nodes)) leaders[term] = nodes = new SortedDictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
            NodeLogs.KeepEarliest(nodes, node, NodeLogs.EngineTimestamp(line));
        }
        return CheckOutcome.FromFindings(Name, [.. leaders.Where(t => t.Value.Count > 1).OrderBy(t => t.Key).Select(t => new Finding(
            string.Create(CultureInfo.InvariantCulture, $"term {t.Key} had {t.Value.Count} leaders: {string.Join(", ", t.Value.Keys)}"),
            NodeLogs.SecondsSince(historyOrigin, SecondLeader(t.Value.Values))))]);
    }

    /// <summary>The second-earliest of the leaders' first lines: the moment the term had two leaders.</summary>
    private static DateTimeOffset? SecondLeader(IEnumerable<DateTimeOffset?> firstLines)
    {
        var times = firstLines.ToList();
        return times.Any(t => t is null) ? null : times.Order().ElementAt(1);
    }
}
