namespace RaftChaos.Report.Input;

/// <summary>A labelled lane of segments drawn on the timeline above the processes, e.g. "leader" with one segment per term.</summary>
/// <param name="Name">The lane's label.</param>
/// <param name="Segments">Its segments, in time order.</param>
public sealed record ReportLane(string Name, IReadOnlyList<LaneSegment> Segments);
