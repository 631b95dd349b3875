namespace RaftChaos.Report.Model;

/// <summary>How the cluster came back from faults. Each figure is null when neither results.json nor the history gives it.</summary>
/// <param name="TimeWithoutLeader">Total time with no leader, in nanoseconds (results.json only).</param>
/// <param name="Terms">Number of terms the run went through (results.json only).</param>
/// <param name="LongestGapBetweenAcknowledged">Longest time between two consecutive ok completions (from the history).</param>
/// <param name="Recoveries">Per kill: the time to the next acknowledged write.</param>
/// <param name="RecoverySource"><c>results.json</c> when the recoveries come from there, else <c>history</c>.</param>
public sealed record FailoverSummary(
    long? TimeWithoutLeader,
    int? Terms,
    long? LongestGapBetweenAcknowledged,
    IReadOnlyList<KillRecovery> Recoveries,
    string RecoverySource);
