namespace RaftChaos.Checker.History;

/// <summary>
/// Turns a stream of events into operations, checking what spans lines: time never goes backwards, a process has
/// at most one open invoke, a completion matches its process's open invoke (same f and key), values have the shape
/// their f needs. Invokes still open at the end become <see cref="OperationStatus.Info"/> operations.
/// </summary>
public sealed class OperationPairer
{
    private readonly string source;
    private readonly List<Operation?> operations = [];
    private readonly Dictionary<int, OpenInvoke> openByProcess = [];
    private readonly List<HistoryEvent> nemesisEvents = [];
    private int position;
    private long previousTime = long.MinValue;
    private int previousLine;

    /// <summary>Creates a pairer; <paramref name="source"/> names the history in error messages.</summary>
    public OperationPairer(string source) => this.source = source;

    /// <summary>Adds the next event, read from 1-based <paramref name="line"/>.</summary>
    /// <exception cref="HistoryFormatException">The event breaks one of the rules above.</exception>
    public void Add(HistoryEvent historyEvent, int line)
    {
        if (historyEvent.Time < previousTime)
        {
            throw Error(line, $"time {historyEvent.Time} is earlier than the previous event's time {previousTime} (line {previousLine})");
        }

        previousTime = historyEvent.Time;
        previousLine = line;
        var eventPosition = position++;

        if (historyEvent.Process.IsNemesis)
        {
            nemesisEvents.Add(historyEvent);
            return;
        }

        var shapeError = OperationShape.Check(historyEvent.F, historyEvent.Type, historyEvent.Value);
        if (shapeError is not null)
        {
            throw Error(line, shapeError);
        }

        var process = historyEvent.Process.ClientId;
        if (historyEvent.Type == HistoryEventType.Invoke)
        {
            if (openByProcess.TryGetValue(process, out var already))
            {
                throw Error(line, $"process {process} invokes {historyEvent.F} while its {already.Event.F} from line {already.Line} is still open");
            }

            openByProcess.Add(process, new OpenInvoke(operations.Count, historyEvent, eventPosition, line));
            operations.Add(null);
            return;
        }

        var type = historyEvent.Type.ToString().ToLowerInvariant();
        if (!openByProcess.Remove(process, out var open))
        {
            throw Error(line, $"{type} {historyEvent.F} on process {process} has no open invoke");
        }

        if (open.Event.F != historyEvent.F || open.Event.Key != historyEvent.Key)
        {
            throw Error(line, $"{type} {historyEvent.F} on key {KeyText(historyEvent.Key)} does not match the open invoke of process {process} ({open.Event.F} on key {KeyText(open.Event.Key)}, line {open.Line})");
        }

        var status = historyEvent.Type switch
        {
            HistoryEventType.Ok => OperationStatus.Ok,
            HistoryEventType.Fail => OperationStatus.Fail,
            _ => OperationStatus.Info,
        };
        var output = status == OperationStatus.Ok ? historyEvent.Value : HistoryValue.Null;
        operations[open.Slot] = new Operation(
            open.Slot, process, open.Event.F, open.Event.Key, open.Event.Value, output, status,
            open.Position, eventPosition, open.Event.Time, historyEvent.Time, open.Line, line)
        {
            Error = historyEvent.Error,
            Node = historyEvent.Node,
            RedirectedFrom = historyEvent.RedirectedFrom,
        };
    }

    /// <summary>Ends the history: open invokes become info operations that never completed.</summary>
    public OperationHistory Finish()
    {
        foreach (var open in openByProcess.Values)
        {
            operations[open.Slot] = new Operation(
                open.Slot, open.Event.Process.ClientId, open.Event.F, open.Event.Key, open.Event.Value, HistoryValue.Null,
                OperationStatus.Info, open.Position, null, open.Event.Time, null, open.Line, null);
        }

        openByProcess.Clear();
        return new OperationHistory(source, operations.Select(operation => operation!).ToArray(), nemesisEvents.ToArray(), position);
    }

    private static string KeyText(string? key) => key is null ? "null" : $"\"{key}\"";

    private HistoryFormatException Error(int line, string reason) => new(source, line, reason);

    /// <summary>An invoke waiting for its completion.</summary>
    private readonly record struct OpenInvoke(int Slot, HistoryEvent Event, int Position, int Line);
}
