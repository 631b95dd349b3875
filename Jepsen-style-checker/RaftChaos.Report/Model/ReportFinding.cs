namespace RaftChaos.Report.Model;

/// <summary>One finding of a check, placed on the report's clock so the page can mark where it happened.</summary>
/// <param name="Text">What was found, in the check's words.</param>
/// <param name="At">When, in nanoseconds since the history's first event; null when the check gave no time.</param>
/// <param name="Key">The key it is about, when it is about one.</param>
public sealed record ReportFinding(string Text, long? At, string? Key);
