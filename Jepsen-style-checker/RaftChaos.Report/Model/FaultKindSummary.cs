namespace RaftChaos.Report.Model;

/// <summary>The faults of one kind applied during the run.</summary>
/// <param name="Kind">e.g. <c>partition</c>, <c>kill</c>, <c>pause</c>, <c>clock</c>, or an instantaneous action's f.</param>
/// <param name="Count">Windows (or instantaneous events) of this kind.</param>
/// <param name="TotalDuration">Their summed length in nanoseconds (an unhealed window counts up to the history's end).</param>
public sealed record FaultKindSummary(string Kind, int Count, long TotalDuration);
