namespace RaftChaos.Report.Model;

/// <summary>The report's first screen: what was run, what the checker said, and what happened to the cluster.</summary>
/// <param name="Title">The test name, or the history file's name.</param>
/// <param name="Verdict">
/// Every check together: <c>valid</c>, <c>invalid</c>, <c>unknown</c>, or <c>unchecked</c>. The history check's verdict
/// (<paramref name="Linearizable"/>), made <c>invalid</c> when a node-log check found a term with two leaders or an index
/// with two committed entries.
/// </param>
/// <param name="VerdictSource">
/// Where the verdict comes from: <c>checker</c> (run for this report), <c>results.json</c>, <c>none</c>, or, when a
/// node-log check made it invalid, its name, e.g. <c>election safety (node logs)</c> (<c>checker + election safety (node
/// logs)</c> when the history is not linearizable either).
/// </param>
/// <param name="VerdictReason">
/// Why the verdict is invalid beyond the history check, e.g. <c>election safety (node logs): term 4 had 2 leaders: n1, n3</c>;
/// null when the history check alone decides.
/// </param>
/// <param name="Linearizable">The history check's verdict alone (same values as <paramref name="Verdict"/>).</param>
/// <param name="LinearizableSource">Where that comes from: <c>checker</c>, <c>results.json</c> or <c>none</c>.</param>
/// <param name="ElectionSafety">The election-safety check from results.json; null when the file does not record one.</param>
/// <param name="StateMachineSafety">The state-machine-safety check from results.json; null when the file does not record one.</param>
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
    string? VerdictReason,
    string Linearizable,
    string LinearizableSource,
    ElectionSafetyCheck? ElectionSafety,
    StateMachineSafetyCheck? StateMachineSafety,
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
