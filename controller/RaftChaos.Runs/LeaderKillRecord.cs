namespace RaftChaos.Runs;

/// <summary>One kill of the leader.</summary>
/// <param name="AtMs">When, in ms of run time.</param>
/// <param name="Node">Which node.</param>
/// <param name="Ms">Time until the next acknowledged write, in ms; null when none followed.</param>
public sealed record LeaderKillRecord(double AtMs, string Node, double? Ms);
