namespace RaftChaos.Report.Model;

/// <summary>The report's first screen: what was run, what every check said, and what the run measured.</summary>
/// <param name="Title">The test name, or the history file's name.</param>
/// <param name="Verdict">
/// Every check merged (invalid beats unknown beats valid): <c>valid</c>, <c>invalid</c>, <c>unknown</c>, or
/// <c>unchecked</c> when no check was made.
/// </param>
/// <param name="Checks">Each check with its verdict and findings, in the run's order (the history's linearizability first when the report ran it).</param>
/// <param name="Model">The checker's model, e.g. <c>cas-register</c>.</param>
/// <param name="HistorySource">The history file as given.</param>
/// <param name="OperationCount">Client operations.</param>
/// <param name="KeyCount">Distinct keys.</param>
/// <param name="ProcessCount">Distinct client processes.</param>
/// <param name="Duration">From the first event to the last, in nanoseconds.</param>
/// <param name="CheckerMilliseconds">Time the linearizability checker took, when known.</param>
/// <param name="Seed">The run's seed, when known.</param>
/// <param name="ReplayCommand">The command that replays the run, when the run gave one.</param>
/// <param name="Configuration">The run's settings in words, in the order given.</param>
/// <param name="Figures">Figures the run measured, as label and text, in the order given.</param>
/// <param name="LongestAcknowledgedGap">
/// The longest time between two consecutive ok completions, in nanoseconds (the report measures it from the history);
/// null with fewer than two.
/// </param>
/// <param name="Counts">ok/fail/info per function, then a total row.</param>
/// <param name="Reasons">
/// fail and info per function broken down by reason, plus ok calls that were redirected; empty when no completion in the
/// history records a reason or a redirect (a history from before reasons were recorded), so the page shows no empty table.
/// </param>
/// <param name="FaultKinds">Per fault kind: how many windows and their total length.</param>
public sealed record ReportSummary(
    string Title,
    string Verdict,
    IReadOnlyList<ReportCheck> Checks,
    string Model,
    string HistorySource,
    int OperationCount,
    int KeyCount,
    int ProcessCount,
    long Duration,
    double? CheckerMilliseconds,
    long? Seed,
    string? ReplayCommand,
    IReadOnlyList<ReportField> Configuration,
    IReadOnlyList<ReportField> Figures,
    long? LongestAcknowledgedGap,
    IReadOnlyList<OutcomeCounts> Counts,
    IReadOnlyList<FaultKindSummary> FaultKinds,
    IReadOnlyList<ReasonCount> Reasons);
