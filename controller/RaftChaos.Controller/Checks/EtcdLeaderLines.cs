using System.Globalization;
using System.Text.RegularExpressions;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// etcd 3.4's raft lines (zap JSON, <c>--logger zap</c>) that name the leader of a term, for election safety:
/// <list type="bullet">
/// <item><c>"msg":"8e9e05c52164694d became leader at term 2"</c>: the leader itself (raft.go becomeLeader);</item>
/// <item><c>"msg":"raft.node: 91bc3c398fb3c146 elected leader 8e9e05c52164694d at term 2"</c>: any member that learns of a
/// leader when it knew none (node.go);</item>
/// <item><c>"msg":"raft.node: 91bc3c398fb3c146 changed leader from 8e9e05c52164694d to fd422379fda50e48 at term 3"</c>: any
/// member that learns of a new leader without a gap.</item>
/// </list>
/// etcd logs the member's current (leader, term) pair together, so every such line is a claim that the named member led
/// that term. The node is named by etcd's member id (hex), as etcd's own lines name it.
/// </summary>
public static partial class EtcdLeaderLines
{
    /// <summary>The leader's member id and the term of a line that names a leader, or false for any other line.</summary>
    public static bool TryParse(string line, out string node, out ulong term)
    {
        ArgumentNullException.ThrowIfNull(line);
        node = "";
        term = 0;
        if (!line.Contains(" at term ", StringComparison.Ordinal)) return false;
        var match = LeaderLine().Match(line);
        if (!match.Success) return false;
        node = match.Groups["leader"].Value;
        term = ulong.Parse(match.Groups["term"].Value, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"""msg"":""(?:(?<leader>[0-9a-f]+) became leader|raft\.node: [0-9a-f]+ (?:elected leader|changed leader from [0-9a-f]+ to) (?<leader>[0-9a-f]+)) at term (?<term>\d+)""")]
    private static partial Regex LeaderLine();
}
