namespace RaftChaos.Checker.History;

/// <summary>
/// A client operation: an invoke paired with its completion (<see cref="OperationPairer"/>).
/// Positions are 0-based ordinals of events in the history (real-time order); lines are 1-based file lines for messages.
/// </summary>
/// <param name="Id">0-based, in invoke order.</param>
/// <param name="Process">The client process id.</param>
/// <param name="F">The function, e.g. read, write, cas, get, put, append.</param>
/// <param name="Key">The key, or null for a single register.</param>
/// <param name="Input">The invoke's value (a write's value, a cas's [expected, new]; null for a read).</param>
/// <param name="Output">The completion's value (what a read saw); <see cref="HistoryValue.Null"/> when never completed.</param>
/// <param name="Status">ok, fail or info.</param>
/// <param name="InvokePosition">Ordinal of the invoke event.</param>
/// <param name="CompletionPosition">Ordinal of the completion event; null when the history ended first.</param>
/// <param name="InvokeTime">Invoke time in nanoseconds.</param>
/// <param name="CompletionTime">Completion time in nanoseconds; null when never completed.</param>
/// <param name="InvokeLine">1-based line of the invoke event.</param>
/// <param name="CompletionLine">1-based line of the completion event; null when never completed.</param>
public sealed record Operation(
    int Id,
    int Process,
    string F,
    string? Key,
    HistoryValue Input,
    HistoryValue Output,
    OperationStatus Status,
    int InvokePosition,
    int? CompletionPosition,
    long InvokeTime,
    long? CompletionTime,
    int InvokeLine,
    int? CompletionLine)
{
    /// <summary>The completion's reason code (<see cref="HistoryEvent.Error"/>); null when it has none.</summary>
    public string? Error { get; init; }

    /// <summary>The node where the call ended (<see cref="HistoryEvent.Node"/>); null when the history does not say.</summary>
    public string? Node { get; init; }

    /// <summary>The node that refused before the redirect (<see cref="HistoryEvent.RedirectedFrom"/>); null when not redirected.</summary>
    public string? RedirectedFrom { get; init; }

    /// <summary>A short text such as <c>p3 cas [1,2] ok</c> or <c>p1 read -> 4</c>, for messages and reports.</summary>
    public string Describe()
    {
        var status = Status switch
        {
            OperationStatus.Ok => "",
            OperationStatus.Fail => " (fail)",
            _ => CompletionPosition is null ? " (never completed)" : " (info)",
        };
        var key = Key is null ? "" : $" {Key}";
        var call = Input.IsNull && Status == OperationStatus.Ok ? $"{F}{key} -> {Output}" : $"{F}{key} {Input}";
        return $"p{Process} {call}{status}";
    }
}
