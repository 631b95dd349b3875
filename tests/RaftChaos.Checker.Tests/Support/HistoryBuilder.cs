using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Tests.Support;

/// <summary>Writes small histories in tests: events in call order, times 0, 10, 20, ...; completions copy f and key from the open invoke.</summary>
internal sealed class HistoryBuilder
{
    private readonly List<HistoryEvent> events = [];
    private readonly Dictionary<int, HistoryEvent> open = [];

    public HistoryBuilder Invoke(int process, string f, HistoryValue? value = null, string? key = null)
    {
        var invoke = Add(process, HistoryEventType.Invoke, f, key, value ?? HistoryValue.Null);
        open[process] = invoke;
        return this;
    }

    /// <summary>Completes with ok; the value defaults to the invoke's (a read must pass what it saw).</summary>
    public HistoryBuilder Ok(int process, HistoryValue? value = null) => Complete(process, HistoryEventType.Ok, value);

    public HistoryBuilder Fail(int process) => Complete(process, HistoryEventType.Fail, null);

    public HistoryBuilder Info(int process) => Complete(process, HistoryEventType.Info, null);

    public IReadOnlyList<HistoryEvent> Events => events;

    public OperationHistory Build() => OperationHistory.FromEvents(events, "test");

    private HistoryBuilder Complete(int process, HistoryEventType type, HistoryValue? value)
    {
        var invoke = open[process];
        open.Remove(process);
        Add(process, type, invoke.F, invoke.Key, value ?? invoke.Value);
        return this;
    }

    private HistoryEvent Add(int process, HistoryEventType type, string f, string? key, HistoryValue value)
    {
        var historyEvent = new HistoryEvent(events.Count, ProcessId.Client(process), type, f, key, value, events.Count * 10L);
        events.Add(historyEvent);
        return historyEvent;
    }
}
