namespace RaftChaos.Report.Input;

/// <summary>One stretch of a <see cref="ReportLane"/>.</summary>
/// <param name="StartSeconds">Start, in seconds on the history's clock (the history's <c>time</c> / 1e9).</param>
/// <param name="EndSeconds">End on the same clock; null: until the end of the history.</param>
/// <param name="Text">What held during it, e.g. <c>n2</c> or <c>n2 · epoch 5</c>.</param>
public sealed record LaneSegment(double StartSeconds, double? EndSeconds, string Text);
