using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RaftChaos.Node.Client;

/// <summary>
/// A node failpoint as <c>--failpoint NAME=P</c> spells it (what a node accepts; the controller checks a run's flag with
/// the same parser). Each failpoint SIGKILLs the node at one place in its loop, with probability P (0 &lt; P ≤ 1) each
/// time the node passes that place:
/// <list type="bullet">
/// <item><c>crash-after-vote</c>: right after the node persisted and sent a granted vote.</item>
/// <item><c>crash-before-first-append</c>: a new leader has written the first entries of its term to its own disk and
/// dies before sending them (once per term it leads).</item>
/// </list>
/// </summary>
/// <param name="Name">The failpoint's name.</param>
/// <param name="Probability">The chance that it fires each time the node passes it.</param>
public sealed record FailpointSpec(string Name, double Probability)
{
    /// <summary>The name of the crash-after-vote failpoint.</summary>
    public const string CrashAfterVote = "crash-after-vote";

    /// <summary>The name of the crash-before-first-append failpoint.</summary>
    public const string CrashBeforeFirstAppend = "crash-before-first-append";

    /// <summary>Every failpoint a node knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [CrashAfterVote, CrashBeforeFirstAppend];

    /// <summary>Parses <c>NAME=P</c>; <paramref name="error"/> says what is wrong and gives an example.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FailpointSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var parts = (text ?? "").Split('=', 2, StringSplitOptions.TrimEntries);
        if (!Names.Contains(parts[0]))
        {
            error = $"unknown failpoint '{parts[0]}' (known: {string.Join(", ", Names.Select(n => n + "=P"))})";
            return false;
        }
        if (parts.Length < 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p is <= 0 or > 1 || double.IsNaN(p))
        {
            error = $"'{text}': give a probability after '=', greater than 0 and at most 1, e.g. {parts[0]}=0.5";
            return false;
        }
        spec = new FailpointSpec(parts[0], p);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Probability}");
}
