using System.Globalization;
using System.Text.RegularExpressions;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// A leader sent a node an entry that differs from the one the node had already committed at that index: two
/// different entries were committed at one index, so the replicas' state machines diverge.
/// </summary>
/// <param name="Node">The node that holds the committed entry.</param>
/// <param name="Index">The log index.</param>
/// <param name="CommittedTerm">Term of the entry the node committed there.</param>
/// <param name="LeaderTerm">Term of the different entry a leader sent for the same index.</param>
/// <param name="At">The engine's timestamp of the node's first line about it (the host's clock); null without one.</param>
public sealed record CommittedEntryConflict(string Node, ulong Index, ulong CommittedTerm, ulong LeaderTerm, DateTimeOffset? At = null)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Node} had committed entry {Index} of term {CommittedTerm}; a leader sent entry {Index} of term {LeaderTerm}");
}

/// <summary>
/// Raft's state-machine safety (no two nodes apply different entries at one index), checked on the node logs after
/// the run. A follower checks each entry a leader sends against the entries it knows to be committed and logs
/// <c>event=CommittedEntryConflict</c> when they differ (the node does this only under an <c>--unsafe</c> bug; a
/// correct build stops instead). The history shows such a loss only when a client happens to read across it; the logs
/// show it whenever a node learned of it. Pure: text in, findings out.
/// </summary>
public static partial class StateMachineSafety
{
    /// <summary>Checks the node logs of a run folder's <c>nodes/</c> directory (every <c>*.log</c>).</summary>
    public static IReadOnlyList<CommittedEntryConflict> CheckDirectory(string nodesDirectory) => Check(NodeLogs.ReadLines(nodesDirectory));

    /// <summary>
    /// Checks log lines of any number of nodes, in any order. A leader resends a refused entry, so one conflict may be
    /// logged many times: each (node, index, committed term, leader term) is reported once, at its earliest line.
    /// </summary>
    public static IReadOnlyList<CommittedEntryConflict> Check(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var found = new Dictionary<(string, ulong, ulong, ulong), DateTimeOffset?>();
        foreach (var line in lines)
        {
            if (!line.Contains("event=CommittedEntryConflict", StringComparison.Ordinal)) continue;
            var match = ConflictLine().Match(line);
            if (!match.Success) continue;
            var key = (match.Groups["node"].Value, Number(match, "index"), Number(match, "local"), Number(match, "leader"));
            NodeLogs.KeepEarliest(found, key, NodeLogs.EngineTimestamp(line));
        }
        return [.. found
            .Select(f => new CommittedEntryConflict(f.Key.Item1, f.Key.Item2, f.Key.Item3, f.Key.Item4, f.Value))
            .OrderBy(f => f.At ?? DateTimeOffset.MaxValue).ThenBy(f => f.Node, StringComparer.Ordinal).ThenBy(f => f.Index)];
    }

    private static ulong Number(Match match, string group) => ulong.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // The node's logfmt line: ... node=n2 event=CommittedEntryConflict index=57 committed=60 local_term=3 leader_term=5 ...
    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=CommittedEntryConflict\b.*\bindex=(?<index>\d+)\b.*\blocal_term=(?<local>\d+)\b.*\bleader_term=(?<leader>\d+)\b")]
    private static partial Regex ConflictLine();
}
