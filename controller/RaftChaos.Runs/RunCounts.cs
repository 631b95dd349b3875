namespace RaftChaos.Runs;

/// <summary>Client operations of a run by outcome (ok took effect, fail did not, info unknown), and its nemesis events.</summary>
/// <param name="Invoked">Operations invoked.</param>
/// <param name="Ok">Completed ok.</param>
/// <param name="Fail">Completed fail.</param>
/// <param name="Info">Ended info (or never completed).</param>
/// <param name="NemesisEvents">Fault events in the history.</param>
public sealed record RunCounts(long Invoked, long Ok, long Fail, long Info, long NemesisEvents);
