using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Counts outcomes by reason per function. The codes and their meanings come from the checker's one list
/// (<see cref="ErrorCode"/>), so the report names no code of its own and explains a code the same way the README does.
/// </summary>
public static class ReasonCounter
{
    /// <summary>The reason shown on ok rows: the call ended on another node than the one that first took it.</summary>
    public const string Redirected = "redirected";

    /// <summary>Rows by function (in <paramref name="functions"/>' order), then outcome (ok, fail, info), then count, largest first.</summary>
    public static IReadOnlyList<ReasonCount> Count(IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions)
    {
        // A history from before reasons were recorded has neither: an all-"no reason" table would say nothing.
        if (!operations.Any(o => o.Error is not null || o.RedirectedFrom is not null))
        {
            return [];
        }

        var rows = operations
            .Where(o => o.Outcome != "ok" || o.RedirectedFrom is not null)
            .GroupBy(o => (o.F, o.Outcome, Reason: o.Outcome == "ok" ? Redirected : o.Error))
            .Select(g => new ReasonCount(g.Key.F, g.Key.Outcome, g.Key.Reason, Meaning(g.Key.Reason), g.Count()));
        return rows
            .OrderBy(r => IndexOf(functions, r.F))
            .ThenBy(r => r.Outcome switch { "ok" => 0, "fail" => 1, _ => 2 })
            .ThenByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();
    }

    private static string? Meaning(string? reason) => reason == Redirected
        ? "the first node refused and the call was sent to, and ended on, another node"
        : ErrorCode.Find(reason)?.Meaning;

    private static int IndexOf(IReadOnlyList<string> functions, string f)
    {
        for (var i = 0; i < functions.Count; i++)
        {
            if (functions[i] == f)
            {
                return i;
            }
        }

        return functions.Count;
    }
}
