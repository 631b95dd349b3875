namespace RaftChaos.Report.Model;

/// <summary>
/// Everything <c>report.html</c> shows, as plain data: built by <see cref="Building.ReportBuilder"/> (a pure function of
/// the history, the check result and what the run tells) and written by <see cref="Rendering.ReportWriter"/>. Times are
/// nanoseconds since the history's first event.
/// </summary>
/// <param name="Summary">Verdict and checks, configuration, counts, figures.</param>
/// <param name="Operations">Every client operation, by <see cref="ReportOperation.Id"/>.</param>
/// <param name="Keys">One timeline per key: invalid keys first, then by key.</param>
/// <param name="Pages">The timeline cut into pages of a bounded number of operations (see <see cref="PagingNote"/>).</param>
/// <param name="Faults">Fault windows from the nemesis events, in start order.</param>
/// <param name="Lanes">The run's extra lanes, drawn above the process rows.</param>
/// <param name="Latency">Completed operations grouped by function and outcome, for the latency plot.</param>
/// <param name="Throughput">Completions per time bucket, for the throughput plot.</param>
/// <param name="Percentiles">Latency percentiles of ok operations per function, then over all functions.</param>
/// <param name="Counterexamples">One per key found not linearizable.</param>
/// <param name="Links">Files of the run the report links to (history, node logs), relative to the report.</param>
/// <param name="PagingNote">How the report pages its timeline, for its footer.</param>
public sealed record ReportModel(
    ReportSummary Summary,
    IReadOnlyList<ReportOperation> Operations,
    IReadOnlyList<KeyTimeline> Keys,
    IReadOnlyList<TimelinePage> Pages,
    IReadOnlyList<FaultWindow> Faults,
    IReadOnlyList<TimelineLane> Lanes,
    IReadOnlyList<LatencySeries> Latency,
    ThroughputSeries Throughput,
    IReadOnlyList<LatencyPercentiles> Percentiles,
    IReadOnlyList<CounterexampleView> Counterexamples,
    IReadOnlyList<ReportLink> Links,
    string PagingNote);
