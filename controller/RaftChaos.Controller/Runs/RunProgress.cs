namespace RaftChaos.Controller.Runs;

/// <summary>A snapshot of a run for the progress display.</summary>
public sealed record RunProgress(RunPhase Phase, TimeSpan Elapsed, long Ok, long Fail, long Info, int FaultsStarted, IReadOnlyList<string> ActiveFaults);
