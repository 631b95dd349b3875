namespace RaftChaos.Nightly.Planning;

/// <summary>One row of the validation matrix: a bug switch and the run that should expose it.</summary>
/// <param name="Bug">The <c>--unsafe</c> switch, e.g. <c>stale-reads</c>.</param>
/// <param name="Nemesis">The <c>--nemesis</c> set that provokes it, e.g. <c>partition,kill</c>.</param>
/// <param name="Workload">The workload; <c>register</c> (one hot key) surfaces anomalies soonest.</param>
/// <param name="Nodes">Cluster size the scenario needs.</param>
/// <param name="Why">How those faults turn the bug into a visible anomaly (shown in the summary and docs).</param>
/// <param name="NemesisInterval">The run's <c>--nemesis-interval</c>, or null for the run's default (10 s).</param>
/// <param name="Load">The run's client load, or null for the run's defaults.</param>
/// <param name="Failpoint">The run's node failpoint (<c>--failpoint</c>), or null for none.</param>
public sealed record BugExposure(string Bug, string Nemesis, string Workload, int Nodes, string Why, TimeSpan? NemesisInterval = null, ClientLoad? Load = null, string? Failpoint = null);
