namespace RaftChaos.Report.Model;

/// <summary>A run of one key's operations (in invoke order) drawn together on a page.</summary>
/// <param name="Key">Index into <see cref="ReportModel.Keys"/>.</param>
/// <param name="First">Position of the first operation in the key's <see cref="KeyTimeline.OperationIds"/>.</param>
/// <param name="Count">Operations in the slice.</param>
/// <param name="Start">Earliest invoke of the slice.</param>
/// <param name="End">Latest completion of the slice (or latest invoke, for operations that never completed).</param>
public sealed record PageSection(int Key, int First, int Count, long Start, long End);
