namespace RaftChaos.Report.Input;

/// <summary>A labelled lane of segments drawn on the timeline above the processes, e.g. which node held a role when, one segment per stretch; the caller names it in its system's words.</summary>
/// <param name="Name">The lane's label.</param>
/// <param name="Segments">Its segments, in time order.</param>
public sealed record ReportLane(string Name, IReadOnlyList<LaneSegment> Segments);
