namespace RaftChaos.Report.Model;

/// <summary>A name and a value shown as text, e.g. one configuration setting.</summary>
public sealed record ReportField(string Name, string Value);
