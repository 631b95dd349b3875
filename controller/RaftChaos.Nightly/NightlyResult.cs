using RaftChaos.Nightly.Summary;

namespace RaftChaos.Nightly;

/// <summary>A finished night: its summary and the files written.</summary>
/// <param name="Summary">The night.</param>
/// <param name="Directory">The night's folder.</param>
/// <param name="SummaryPath">summary.json.</param>
/// <param name="IndexPath">index.html.</param>
public sealed record NightlyResult(NightlySummary Summary, string Directory, string SummaryPath, string IndexPath);
