using System.Globalization;
using System.Text.RegularExpressions;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// Raft's state-machine safety (no two nodes apply different entries at one index), checked on the node logs after
/// the run. A follower checks each entry a leader sends against the entries it knows to be committed and logs
/// <c>event=CommittedEntryConflict</c> when they differ (the node does this only under an <c>--unsafe</c> bug; a
/// correct build stops instead). The history shows such a loss only when a client happens to read across it; the logs
/// show it whenever a node learned of it. A leader resends a refused entry, so one conflict may be logged many times:
/// each (node, index, committed term, leader term) is one finding, at its earliest line, in time order.
/// </summary>
public sealed partial class StateMachineSafetyCheck : INodeLogCheck
{
    /// <inheritdoc />
    public string Name => "state-machine-safety";

    /// <inheritdoc />
    public CheckOutcome Check(IEnumerable<string> lines, DateTimeOffset historyOrigin)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var found = new Dictionary<(string Node, ulong Index, ulong Committed, ulong Leader), DateTimeOffset?>();
        foreach (var line in lines)
        {
            if (!line.Contains("event=CommittedEntryConflict", StringComparison.Ordinal)) continue;
            var match = ConflictLine().Match(line);
            if (!match.Success) continue;
            var key = (match.Groups["node"].Value, Number(match, "index"), Number(match, "local"), Number(match, "leader"));
            NodeLogs.KeepEarliest(found, key, NodeLogs.EngineTimestamp(line));
        }
        return CheckOutcome.FromFindings(Name, [.. found
            .OrderBy(f => f.Value ?? DateTimeOffset.MaxValue).ThenBy(f => f.Key.Node, StringComparer.Ordinal).ThenBy(f => f.Key.Index)
            .Select(f => new Finding(
                string.Create(CultureInfo.InvariantCulture,
                    $"{f.Key.Node} had committed entry {f.Key.Index} of term {f.Key.Committed}; a leader sent entry {f.Key.Index} of term {f.Key.Leader}"),
                NodeLogs.SecondsSince(historyOrigin, f.Value)))]);
    }

    private static ulong Number(Match match, string group) => ulong.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // The node's logfmt line: ... node=n2 event=CommittedEntryConflict index=57 committed=60 local_term=3 leader_term=5 ...
    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=CommittedEntryConflict\b.*\bindex=(?<index>\d+)\b.*\blocal_term=(?<local>\d+)\b.*\bleader_term=(?<leader>\d+)\b")]
    private static partial Regex ConflictLine();
}
