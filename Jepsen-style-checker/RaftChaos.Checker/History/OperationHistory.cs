namespace RaftChaos.Checker.History;

/// <summary>A history after pairing: client operations in invoke order, and the nemesis events beside them.</summary>
/// <param name="Source">The file (as given) or another name for the history.</param>
/// <param name="Operations">Client operations, <see cref="Operation.Id"/> = index in this list.</param>
/// <param name="NemesisEvents">Fault events, in order; the linearizability check ignores them.</param>
/// <param name="EventCount">Number of events read (clients and nemesis).</param>
public sealed record OperationHistory(
    string Source,
    IReadOnlyList<Operation> Operations,
    IReadOnlyList<HistoryEvent> NemesisEvents,
    int EventCount)
{
    // Events parsed at once (in parallel) before they are paired in order.
    private const int BatchSize = 16_384;

    /// <summary>Number of distinct keys among the operations (null, the single register, counts as one).</summary>
    public int KeyCount { get; } = Operations.Select(operation => operation.Key).Distinct().Count();

    /// <summary>Reads and pairs a history file.</summary>
    /// <exception cref="HistoryFormatException">The file is malformed.</exception>
    public static OperationHistory Load(string path)
    {
        using var reader = HistoryReader.Open(path);
        return Read(reader);
    }

    /// <summary>Reads and pairs every remaining event of <paramref name="reader"/>.</summary>
    /// <exception cref="HistoryFormatException">The input is malformed.</exception>
    public static OperationHistory Read(HistoryReader reader)
    {
        var pairer = new OperationPairer(reader.Source);
        var events = new HistoryEvent[BatchSize];
        var lines = new int[BatchSize];
        int count;
        while ((count = reader.ReadBatch(events, lines)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                pairer.Add(events[i], lines[i]);
            }
        }

        return pairer.Finish();
    }

    /// <summary>Pairs events held in memory (a simulator's or a test's); event <c>i</c> counts as line <c>i + 1</c>.</summary>
    /// <exception cref="HistoryFormatException">The events do not form a valid history.</exception>
    public static OperationHistory FromEvents(IEnumerable<HistoryEvent> events, string source = "<memory>")
    {
        var pairer = new OperationPairer(source);
        var line = 1;
        foreach (var historyEvent in events)
        {
            pairer.Add(historyEvent, line++);
        }

        return pairer.Finish();
    }
}
