namespace RaftChaos.Report.Model;

/// <summary>A file of the run the report links to.</summary>
/// <param name="Label">e.g. <c>history.jsonl</c> or <c>n1.log</c>.</param>
/// <param name="Href">Relative to the report's folder, with forward slashes.</param>
public sealed record ReportLink(string Label, string Href);
