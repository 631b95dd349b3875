using System.Globalization;
using RaftChaos.Report.Input;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// Which node led in which term, read from the node logs (the lines election safety reads), as a report lane: one
/// segment per term from the engine timestamp of its leader's first line to the next term's. Pure. etcd's lines name
/// the leader by its member id (hex), as etcd's own logs do.
/// </summary>
public static class LeaderLane
{
    /// <summary>The lane's label.</summary>
    public const string Name = "leader";

    /// <summary>
    /// The parser of the leader lines of the target a run record names (<c>RunConfiguration.Target</c>): etcd's
    /// "elected leader ... at term N" for etcd, our node's RoleChanged lines for the rest.
    /// </summary>
    public static LeaderLineParser ParserFor(string? target) =>
        target == Targets.EtcdTarget.TargetName ? EtcdLeaderLines.TryParse : LeaderLines.TryParse;

    /// <summary>The lane for <paramref name="lines"/> of our node, on the history's clock (seconds since <paramref name="historyOrigin"/>).</summary>
    public static ReportLane From(IEnumerable<string> lines, DateTimeOffset historyOrigin) => From(lines, historyOrigin, LeaderLines.TryParse);

    /// <summary>The lane for <paramref name="lines"/> read with <paramref name="parse"/>, on the history's clock.</summary>
    public static ReportLane From(IEnumerable<string> lines, DateTimeOffset historyOrigin, LeaderLineParser parse)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(parse);
        // term -> (first moment someone led it, the node); a term with two leaders shows both names.
        var terms = new SortedDictionary<ulong, (DateTimeOffset At, SortedSet<string> Nodes)>();
        foreach (var line in lines)
        {
            if (!parse(line, out var node, out var term) || NodeLogs.EngineTimestamp(line) is not { } at) continue;
            if (terms.TryGetValue(term, out var known))
            {
                known.Nodes.Add(node);
                if (at < known.At) terms[term] = (at, known.Nodes);
            }
            else
            {
                terms[term] = (at, new SortedSet<string>(StringComparer.Ordinal) { node });
            }
        }

        var ordered = terms.ToList();
        var segments = ordered.Select((t, i) => new LaneSegment(
            (t.Value.At - historyOrigin).TotalSeconds,
            i + 1 < ordered.Count ? (ordered[i + 1].Value.At - historyOrigin).TotalSeconds : null,
            string.Create(CultureInfo.InvariantCulture, $"{string.Join(" + ", t.Value.Nodes)} (term {t.Key})"))).ToList();
        return new ReportLane(Name, segments);
    }
}
