using RaftChaos.Checker.History;
using RaftChaos.Simulation.Events;

namespace RaftChaos.Simulation.Clients;

/// <summary>
/// Collects the run's history in memory, in the order events happen, stamped with simulated nanoseconds: client
/// invocations and completions, and nemesis actions (<c>"process":"nemesis"</c>). Written out with the checker's
/// <see cref="HistoryWriter"/>.
/// </summary>
public sealed class HistoryRecorder
{
    private readonly EventQueue _queue;
    private readonly List<HistoryEvent> _events = [];

    /// <summary>Records on the clock of <paramref name="queue"/>.</summary>
    public HistoryRecorder(EventQueue queue) => _queue = queue;

    /// <summary>The events so far.</summary>
    public IReadOnlyList<HistoryEvent> Events => _events;

    /// <summary>Client operations invoked so far.</summary>
    public int Invocations { get; private set; }

    /// <summary>Records a client event.</summary>
    public void Client(int process, HistoryEventType type, string f, string key, HistoryValue value)
    {
        if (type == HistoryEventType.Invoke)
        {
            Invocations++;
        }

        _events.Add(new HistoryEvent(_events.Count, ProcessId.Client(process), type, f, key, value, _queue.Now));
    }

    /// <summary>Records a nemesis action; <paramref name="valueJson"/> is its value as JSON (e.g. a grudge map), or null.</summary>
    public void Nemesis(string f, string? valueJson) =>
        _events.Add(new HistoryEvent(_events.Count, ProcessId.Nemesis, HistoryEventType.Info, f, null,
            valueJson is null ? HistoryValue.Null : new RawJsonValue(valueJson), _queue.Now));

    /// <summary>Writes the history as JSON Lines.</summary>
    public void WriteTo(Stream stream)
    {
        using var writer = new HistoryWriter(stream, leaveOpen: true);
        foreach (var historyEvent in _events)
        {
            writer.Write(historyEvent);
        }
    }
}
