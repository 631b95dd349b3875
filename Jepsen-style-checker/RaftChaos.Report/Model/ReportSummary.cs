namespace RaftChaos.Report.Model;

/// <summary>The report's first screen: what was run, what the checker said, and what happened to the cluster.</summary>
/// <param name="Title">The test name, or the history file's name.</param>
/// <param name="Verdict"><c>valid</c>, <c>invalid</c>, <c>unknown</c>, or <c>unchecked</c>.</param>
/// <param name="VerdictSource">Where the verdict comes from: <c>checker</c> (run for this report) or <c>results.json</c>.</param>
/// <param name="UnknownReason">Why the verdict is unknown, when it is.</param>
/// <param name="Model">The checker's model, e.g. <c>cas-register</c>.</param>
/// <param name="HistorySource">The history file as given.</param>
/// <param name="OperationCount">Client operations.</param>
/// <param name="KeyCount">Distinct keys.</param>
/// <param name="ProcessCount">Distinct client processes.</param>
/// <param name="Duration">From the first event to the last, in nanoseconds.</param>
/// <param name="CheckerMilliseconds">Time the checker took, when known.</param>
/// <param name="Seed">The run's seed, when known.</param>
/// <param name="ReplayCommand">The command that replays the run, when the seed is known.</param>
/// <param name="Configuration">The run's configuration, as name/value pairs in the order given.</param>
/// <param name="Counts">ok/fail/info per function, then a total row.</param>
/// <param name="FaultKinds">Per fault kind: how many windows and their total length.</param>
/// <param name="Failover">Failover figures, from results.json and the history.</param>
public sealed record ReportSummary(
    string Title,
    string Verdict,
    string VerdictSource,
    string? UnknownReason,
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
    IReadOnlyList<OutcomeCounts> Counts,
    IReadOnlyList<FaultKindSummary> FaultKinds,
    FailoverSummary Failover);
