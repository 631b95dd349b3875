namespace RaftChaos.Report.Building;

/// <summary>The order functions and outcomes are listed in: the usual ones first, in a fixed order, then the rest by name.</summary>
internal static class FunctionOrder
{
    private static readonly string[] Known = ["read", "write", "cas", "get", "put", "append"];

    /// <summary>Outcomes, in the order tables and plots list them.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["ok", "fail", "info"];

    /// <summary>Sorts <paramref name="functions"/> (distinct) in report order.</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> functions) =>
        functions.Distinct(StringComparer.Ordinal)
            .OrderBy(f => Array.IndexOf(Known, f) is var i && i >= 0 ? i : Known.Length)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Whether <paramref name="f"/> changes state when it succeeds (everything but read and get).</summary>
    public static bool IsWrite(string f) => f is not ("read" or "get");
}
