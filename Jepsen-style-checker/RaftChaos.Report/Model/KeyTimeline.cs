namespace RaftChaos.Report.Model;

/// <summary>One key's operations, drawn as one row per process.</summary>
/// <param name="Key">The key, or null for the single register.</param>
/// <param name="Label">How the key is shown.</param>
/// <param name="Verdict">The checker's verdict for this key, or <c>unchecked</c>.</param>
/// <param name="Processes">The processes with operations on this key: the timeline's rows, in order.</param>
/// <param name="OperationIds">Its operations, in invoke order.</param>
public sealed record KeyTimeline(
    string? Key,
    string Label,
    string Verdict,
    IReadOnlyList<int> Processes,
    IReadOnlyList<int> OperationIds);
