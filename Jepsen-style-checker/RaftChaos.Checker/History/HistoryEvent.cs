namespace RaftChaos.Checker.History;

/// <summary>One line of a history (DESIGN.md, "History format").</summary>
/// <param name="Index">The <c>index</c> field: 0-based position of the event in its history.</param>
/// <param name="Process">A client process or the nemesis.</param>
/// <param name="Type">invoke, ok, fail or info.</param>
/// <param name="F">The function: read, write, cas, get, put, append, or a nemesis action such as start-partition.</param>
/// <param name="Key">The key, or null for a single register (and for most nemesis events).</param>
/// <param name="Value">The value; <see cref="HistoryValue.Null"/> when absent.</param>
/// <param name="Time">Nanoseconds on the run's monotonic clock.</param>
public sealed record HistoryEvent(
    long Index,
    ProcessId Process,
    HistoryEventType Type,
    string F,
    string? Key,
    HistoryValue Value,
    long Time);
