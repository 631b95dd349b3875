namespace RaftChaos.Report.Model;

/// <summary>How operations of one function ended.</summary>
/// <param name="F">The function, or <c>all</c> for the total row.</param>
/// <param name="Ok">Completed ok.</param>
/// <param name="Fail">Completed fail.</param>
/// <param name="Info">Completed info or never completed.</param>
public sealed record OutcomeCounts(string F, int Ok, int Fail, int Info);
