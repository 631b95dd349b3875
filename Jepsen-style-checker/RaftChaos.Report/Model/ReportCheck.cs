namespace RaftChaos.Report.Model;

/// <summary>One check of the run as the page lists it (from a <see cref="Checker.Composition.CheckOutcome"/>).</summary>
/// <param name="Name">The check's name, e.g. <c>linearizability</c>.</param>
/// <param name="Verdict"><c>valid</c>, <c>invalid</c> or <c>unknown</c>.</param>
/// <param name="Findings">What it found (invalid), or why it could not decide (unknown); empty when valid.</param>
public sealed record ReportCheck(string Name, string Verdict, IReadOnlyList<ReportFinding> Findings);
