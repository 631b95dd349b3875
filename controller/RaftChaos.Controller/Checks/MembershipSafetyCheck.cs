using System.Globalization;
using System.Text.RegularExpressions;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// Membership safety of single-server changes (Raft dissertation §4.1), read from the node logs: every
/// <c>event=ConfigInForce index=I term=T commit=C voters=...</c> line says a node put the configuration of entry I in
/// force while its commit index was C. Three findings:
/// <list type="bullet">
/// <item>two changes in flight: a node put entry I in force while the change before it (entry P) was uncommitted (C &lt; P);</item>
/// <item>disjoint majorities: an uncommitted configuration put in force while an earlier one was still live on that node
/// (the last committed one, and every later one) has majorities with no node in common with it, so two leaders could
/// each win a quorum;</item>
/// <item>two configurations committed at one index (different terms): nodes disagree on the committed membership.</item>
/// </list>
/// With one change at a time applied at commit (the correct node) none can happen. A node starting again
/// (<c>event=Recovered</c>) starts its chain afresh. Each finding is timed at its first line.
/// </summary>
public sealed partial class MembershipSafetyCheck : INodeLogCheck
{
    /// <inheritdoc />
    public string Name => "membership-safety";

    /// <inheritdoc />
    public CheckOutcome Check(IEnumerable<string> lines, DateTimeOffset historyOrigin)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var chains = new Dictionary<string, List<(ulong Index, string[] Voters)>>(StringComparer.Ordinal);
        var committed = new Dictionary<ulong, (ulong Term, string Node, string Voters)>();
        var found = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (RecoveredLine().Match(line) is { Success: true } restart)
            {
                chains.Remove(restart.Groups["node"].Value);
                continue;
            }
            var match = ConfigLine().Match(line);
            if (!match.Success) continue;
            var node = match.Groups["node"].Value;
            var (index, term, commit) = (Number(match, "index"), Number(match, "term"), Number(match, "commit"));
            var voters = match.Groups["voters"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var at = NodeLogs.EngineTimestamp(line);
            if (!chains.TryGetValue(node, out var chain)) chains[node] = chain = [];
            // Entries at or after I were replaced (a truncated log): they are no longer in this node's chain.
            chain.RemoveAll(c => c.Index >= index);
            foreach (var finding in Findings(node, index, commit, voters, chain))
                NodeLogs.KeepEarliest(found, finding, at);
            chain.Add((index, voters));
            if (commit < index || term == 0) continue;
            var text = string.Join(",", voters);
            if (!committed.TryGetValue(index, out var other)) committed[index] = (term, node, text);
            else if (other.Term != term)
            {
                NodeLogs.KeepEarliest(found, Text(
                    $"two configurations committed at index {index}: ({other.Voters}) of term {other.Term} on {other.Node}, ({text}) of term {term} on {node}"), at);
            }
        }
        return CheckOutcome.FromFindings(Name, [.. found.OrderBy(f => f.Value ?? DateTimeOffset.MaxValue).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new Finding(f.Key, NodeLogs.SecondsSince(historyOrigin, f.Value)))]);
    }

    /// <summary>
    /// True when some majority of <paramref name="a"/> and some majority of <paramref name="b"/> share no node: fill each
    /// majority from the nodes only it has first; the nodes both have must then cover what is still missing.
    /// </summary>
    public static bool HaveDisjointMajorities(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return false;
        var both = a.Intersect(b, StringComparer.Ordinal).Count();
        var needA = Math.Max(0, (a.Count / 2) + 1 - (a.Count - both));
        var needB = Math.Max(0, (b.Count / 2) + 1 - (b.Count - both));
        return needA + needB <= both;
    }

    private static IEnumerable<string> Findings(string node, ulong index, ulong commit, string[] voters, List<(ulong Index, string[] Voters)> chain)
    {
        if (chain.Count == 0) yield break;
        var previous = chain[^1];
        if (commit < previous.Index)
        {
            yield return Text($"{node} put the configuration of entry {index} ({string.Join(",", voters)}) in force while the change of entry {previous.Index} was uncommitted (commit {commit}): two membership changes in flight");
        }
        // A committed configuration supersedes every earlier one (a lagging node may catch up several changes at once).
        if (commit >= index) yield break;
        // Live together: the last configuration this node had committed, and every later one.
        var lastCommitted = chain.FindLastIndex(c => c.Index <= commit);
        foreach (var live in chain.Skip(Math.Max(0, lastCommitted)))
        {
            if (HaveDisjointMajorities(live.Voters, voters))
            {
                yield return Text($"{node} had the configurations of entry {live.Index} ({string.Join(",", live.Voters)}) and entry {index} ({string.Join(",", voters)}) live together (commit {commit}): they have disjoint majorities");
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static ulong Number(Match match, string group) => ulong.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // The node's logfmt line: ... node=n1 event=ConfigInForce index=12 term=3 commit=11 voters=n1,n3 msg="..."
    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=ConfigInForce\b.*\bindex=(?<index>\d+)\b.*\bterm=(?<term>\d+)\b.*\bcommit=(?<commit>\d+)\b.*\bvoters=""?(?<voters>[^\s""]*)")]
    private static partial Regex ConfigLine();

    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=Recovered\b")]
    private static partial Regex RecoveredLine();
}
