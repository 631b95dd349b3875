namespace RaftChaos.Report.Model;

/// <summary>Completions of one function and outcome per bucket.</summary>
public sealed record ThroughputRow(string F, string Outcome, IReadOnlyList<int> Counts);
