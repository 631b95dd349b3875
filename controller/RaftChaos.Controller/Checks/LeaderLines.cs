using System.Globalization;
using System.Text.RegularExpressions;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// Our node's "became leader" log line, read by election safety and the report's leader lane alike:
/// <c>... node=n2 event=RoleChanged role=leader previous_role=candidate term=3 leader=n2 ...</c>.
/// </summary>
public static partial class LeaderLines
{
    /// <summary>The node and term of a line that says a node became leader, or false for any other line.</summary>
    public static bool TryParse(string line, out string node, out ulong term)
    {
        ArgumentNullException.ThrowIfNull(line);
        node = "";
        term = 0;
        if (!line.Contains("event=RoleChanged", StringComparison.Ordinal)) return false;
        var match = LeaderLine().Match(line);
        if (!match.Success) return false;
        node = match.Groups["node"].Value;
        term = ulong.Parse(match.Groups["term"].Value, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"\bnode=(?<node>[^\s""]+).*\bevent=RoleChanged\b.*\brole=leader\b.*\bterm=(?<term>\d+)\b")]
    private static partial Regex LeaderLine();
}
