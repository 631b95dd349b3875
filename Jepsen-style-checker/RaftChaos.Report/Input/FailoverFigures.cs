using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>Failover figures the controller measured during a run (each optional).</summary>
/// <param name="TimeWithoutLeader">Total time with no leader, in nanoseconds.</param>
/// <param name="Terms">Number of terms the run went through.</param>
/// <param name="Recoveries">Per leader kill: the time to the next acknowledged write.</param>
public sealed record FailoverFigures(long? TimeWithoutLeader, int? Terms, IReadOnlyList<KillRecovery> Recoveries);
