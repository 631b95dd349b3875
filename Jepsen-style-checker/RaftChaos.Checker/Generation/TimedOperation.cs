using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Generation;

/// <summary>A generated operation as it will be written: who, what, with which values, and when it started and ended.</summary>
/// <param name="Process">The client process.</param>
/// <param name="F">read, write, cas, get, put or append.</param>
/// <param name="Key">The key, or null for a single register.</param>
/// <param name="Input">The invoke's value.</param>
/// <param name="CompletionType">ok, fail or info.</param>
/// <param name="CompletionValue">The completion's value (what a read saw; the input otherwise).</param>
/// <param name="InvokeTime">Nanoseconds.</param>
/// <param name="CompletionTime">Nanoseconds, after <paramref name="InvokeTime"/>.</param>
internal sealed record TimedOperation(
    int Process, string F, string? Key, HistoryValue Input, HistoryEventType CompletionType, HistoryValue CompletionValue, long InvokeTime, long CompletionTime)
{
    /// <summary>The invoke and completion events of <paramref name="operations"/>, in time order, indexed from 0.</summary>
    public static List<HistoryEvent> ToEvents(IReadOnlyList<TimedOperation> operations)
    {
        var timed = new List<(long Time, int Order, int Operation, bool IsCompletion)>(operations.Count * 2);
        for (var i = 0; i < operations.Count; i++)
        {
            timed.Add((operations[i].InvokeTime, 1, i, false));
            timed.Add((operations[i].CompletionTime, 0, i, true));
        }

        // At equal times a completion goes first: its operation took effect strictly before the other's invoke.
        timed.Sort((a, b) => (a.Time, a.Order, a.Operation).CompareTo((b.Time, b.Order, b.Operation)));
        var events = new List<HistoryEvent>(timed.Count);
        foreach (var (time, _, index, isCompletion) in timed)
        {
            var operation = operations[index];
            var (type, value) = isCompletion ? (operation.CompletionType, operation.CompletionValue) : (HistoryEventType.Invoke, operation.Input);
            events.Add(new HistoryEvent(events.Count, ProcessId.Client(operation.Process), type, operation.F, operation.Key, value, time));
        }

        return events;
    }
}
