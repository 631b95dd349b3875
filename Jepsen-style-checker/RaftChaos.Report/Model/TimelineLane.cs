namespace RaftChaos.Report.Model;

/// <summary>A labelled strip drawn above the process rows of every timeline section (from a <see cref="Input.ReportLane"/>).</summary>
/// <param name="Name">The lane's label.</param>
/// <param name="Spans">Its stretches, in time order.</param>
public sealed record TimelineLane(string Name, IReadOnlyList<LaneSpan> Spans);
