namespace RaftChaos.Checker.History;

/// <summary>One line of a history (DESIGN.md, "History format").</summary>
/// <param name="Index">The <c>index</c> field: 0-based position of the event in its history.</param>
/// <param name="Process">A client process or the nemesis.</param>
/// <param name="Type">invoke, ok, fail or info.</param>
/// <param name="F">The function: read, write, cas, get, put, append, or a nemesis action such as start-partition.</param>
/// <param name="Key">The key, or null for a single register (and for most nemesis events).</param>
/// <param name="Value">The value; <see cref="HistoryValue.Null"/> when absent.</param>
/// <param name="Time">Nanoseconds on the run's monotonic clock.</param>
/// <remarks>
/// A completion may also say why and where it ended (<see cref="Error"/>, <see cref="Node"/>, <see cref="RedirectedFrom"/>):
/// optional init-only fields, absent in older files, so every existing constructor call stays as it is. The checker
/// ignores them.
/// </remarks>
public sealed record HistoryEvent(
    long Index,
    ProcessId Process,
    HistoryEventType Type,
    string F,
    string? Key,
    HistoryValue Value,
    long Time)
{
    /// <summary>The <c>error</c> field: a reason code (<see cref="ErrorCode"/>), or null when the line has none.</summary>
    public string? Error { get; init; }

    /// <summary>The <c>node</c> field: the node where the call ended, or null when the line has none.</summary>
    public string? Node { get; init; }

    /// <summary>
    /// The <c>redirected-from</c> field: the node that refused with not-leader before the client sent the operation
    /// once more to the leader it named (<see cref="Node"/>); null when the operation was not redirected.
    /// </summary>
    public string? RedirectedFrom { get; init; }
}
