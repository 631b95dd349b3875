namespace RaftChaos.Nightly.Summary;

/// <summary>One night as the trend shows it, read back from its summary.json.</summary>
/// <param name="Name">The night's folder name (sorts by date).</param>
/// <param name="Passed">Whether the night passed.</param>
/// <param name="Figures">Its counts and failover figures.</param>
public sealed record NightTrend(string Name, bool Passed, NightFigures Figures);
