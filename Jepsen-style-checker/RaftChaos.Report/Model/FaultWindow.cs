namespace RaftChaos.Report.Model;

/// <summary>A fault from its start event to the event that healed it (or an instantaneous nemesis action).</summary>
/// <param name="Kind">e.g. <c>partition</c> (start-partition .. stop-partition), <c>kill</c> (kill .. start), <c>pause</c>.</param>
/// <param name="StartF">The f of the starting event.</param>
/// <param name="StopF">The f of the healing event; null when instantaneous or never healed.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time: the healing event, the start itself when instantaneous, the history's end when never healed.</param>
/// <param name="Healed">False when no event healed it before the history ended.</param>
/// <param name="Value">The starting event's value as JSON (targets, grudge), or null.</param>
/// <param name="StartIndex">History index of the starting event.</param>
/// <param name="Label">What the page writes on it: the kind and its target, e.g. <c>pause n1</c>, <c>partition {n1} | {n2,n3}</c>.</param>
public sealed record FaultWindow(
    string Kind,
    string StartF,
    string? StopF,
    long Start,
    long End,
    bool Healed,
    string? Value,
    long StartIndex,
    string Label)
{
    /// <summary>True for an action with no duration (e.g. a clock bump).</summary>
    public bool Instantaneous => StopF is null && Healed;
}
