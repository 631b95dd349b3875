using System.Globalization;

namespace RaftChaos.Report.Model;

/// <summary>A violation of Raft's election safety: two or more nodes each became leader of the same term.</summary>
/// <param name="Term">The term.</param>
/// <param name="Leaders">The nodes that led it, as results.json lists them (the controller sorts them).</param>
/// <param name="AfterSeconds">History time (s) at which the term had its second leader; null when not recorded.</param>
public sealed record LeaderConflict(ulong Term, IReadOnlyList<string> Leaders, double? AfterSeconds = null)
{
    /// <summary>The finding in words, e.g. <c>term 4 had 2 leaders: n1, n3</c>.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"term {Term} had {Leaders.Count} leaders: {string.Join(", ", Leaders)}");
}
