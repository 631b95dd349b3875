using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RaftChaos.Node.Client;

/// <summary>
/// A node failpoint as <c>--failpoint NAME=P</c> spells it (what a node accepts; the controller checks a run's flag with
/// the same parser). The only failpoint is <c>crash-after-vote</c>: the node SIGKILLs itself right after sending a
/// granted vote, with probability P (0 &lt; P ≤ 1).
/// </summary>
/// <param name="Name">The failpoint's name.</param>
/// <param name="Probability">The chance that it fires each time the node passes it.</param>
public sealed record FailpointSpec(string Name, double Probability)
{
    /// <summary>The name of the crash-after-vote failpoint.</summary>
    public const string CrashAfterVote = "crash-after-vote";

    /// <summary>Parses <c>NAME=P</c>; <paramref name="error"/> says what is wrong and gives an example.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FailpointSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var parts = (text ?? "").Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts[0] != CrashAfterVote)
        {
            error = $"unknown failpoint '{parts[0]}' (known: {CrashAfterVote}=P)";
            return false;
        }
        if (parts.Length < 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p is <= 0 or > 1 || double.IsNaN(p))
        {
            error = $"'{text}': give a probability after '=', greater than 0 and at most 1, e.g. {CrashAfterVote}=0.5";
            return false;
        }
        spec = new FailpointSpec(parts[0], p);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Probability}");
}
