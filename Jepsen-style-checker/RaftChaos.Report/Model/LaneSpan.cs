namespace RaftChaos.Report.Model;

/// <summary>One stretch of a <see cref="TimelineLane"/>.</summary>
/// <param name="Start">Start, nanoseconds since the history's first event.</param>
/// <param name="End">End on the same clock (the history's end when the run gave none).</param>
/// <param name="Text">What held during it.</param>
public sealed record LaneSpan(long Start, long End, string Text);
