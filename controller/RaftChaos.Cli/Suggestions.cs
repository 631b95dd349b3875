using System.CommandLine;

namespace RaftChaos.Cli;

/// <summary>
/// "Did you mean": for a token the parser did not recognise, the closest subcommand or option name of the command it
/// was given to, when one is close enough to be a typo (edit distance at most a third of its length, at least 1, or a
/// unique prefix).
/// </summary>
internal static class Suggestions
{
    /// <summary>The closest name for <paramref name="token"/> among <paramref name="command"/>'s subcommands or options, or null.</summary>
    public static string? For(Command command, string token)
    {
        var names = token.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        var candidates = names.Distinct(StringComparer.Ordinal).ToList();
        var prefixed = candidates.Where(n => n.StartsWith(token, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }
        var best = candidates
            .Select(name => (Name: name, Distance: Distance(token, name)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, best.Name.Length / 3) ? best.Name : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions ("rnu" -> "run"
    // is one edit), the typos people make at a keyboard.
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
