using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Recording;

/// <summary>
/// The single place where a run's events are ordered. Every client operation and every nemesis action is recorded
/// here: under one lock the recorder reads its monotonic clock (nanoseconds since it was created), assigns the next
/// index, writes the line and updates the counters, so index order is time order is the order events happened.
/// Thread-safe. Also checks the process discipline (one open operation per process; a completion has an invoke),
/// because a history that breaks it is a bug in the caller, better caught at the source than by the checker.
/// </summary>
public sealed class HistoryRecorder : IDisposable
{
    private readonly Lock gate = new();
    private readonly HistoryWriter? writer;
    private readonly HistoryRecorderOptions options;
    private readonly TimeProvider time;
    private readonly long startTimestamp;
    private readonly List<HistoryEvent>? events;
    private readonly Dictionary<string, OperationCounts> countsByFunction = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> openByProcess = [];
    private long nextIndex;
    private long lastTime;
    private long lastFlushTimestamp;
    private long nemesisEventCount;
    private bool disposed;

    /// <summary>Creates a recorder whose clock starts now.</summary>
    /// <param name="writer">Where events are streamed (a history file); null records only counters (and events, when kept).</param>
    /// <param name="options">Clock and retention; default <c>new HistoryRecorderOptions()</c>.</param>
    public HistoryRecorder(HistoryWriter? writer, HistoryRecorderOptions? options = null)
    {
        this.writer = writer;
        this.options = options ?? new HistoryRecorderOptions();
        time = this.options.TimeProvider;
        startTimestamp = time.GetTimestamp();
        lastFlushTimestamp = startTimestamp;
        events = this.options.KeepEvents ? [] : null;
    }

    /// <summary>A recorder streaming to a new history file at <paramref name="path"/> (created or truncated).</summary>
    public static HistoryRecorder ToFile(string path, TimeProvider? timeProvider = null, bool keepEvents = false) =>
        new(HistoryWriter.Create(path), new HistoryRecorderOptions { TimeProvider = timeProvider ?? TimeProvider.System, KeepEvents = keepEvents });

    /// <summary>A recorder that keeps events in memory only (tests, simulations).</summary>
    public static HistoryRecorder InMemory(TimeProvider? timeProvider = null) =>
        new(null, new HistoryRecorderOptions { TimeProvider = timeProvider ?? TimeProvider.System, KeepEvents = true });

    /// <summary>The run clock now: nanoseconds since the recorder was created.</summary>
    public long ElapsedNanoseconds => ToNanoseconds(time.GetTimestamp());

    /// <summary>A copy of the events so far, in order.</summary>
    /// <exception cref="InvalidOperationException">The recorder was created without <see cref="HistoryRecorderOptions.KeepEvents"/>.</exception>
    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (gate)
            {
                return events?.ToArray() ?? throw new InvalidOperationException("this recorder does not keep events; set HistoryRecorderOptions.KeepEvents");
            }
        }
    }

    /// <summary>Records that <paramref name="process"/> invokes <paramref name="operation"/>. Call it just before sending.</summary>
    public HistoryEvent RecordInvoke(ProcessId process, WorkloadOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Record(process, HistoryEventType.Invoke, operation.F, operation.Key, operation.Value);
    }

    /// <summary>
    /// Records how <paramref name="operation"/> of <paramref name="process"/> ended. Call it as soon as the answer is in.
    /// An ok read carries what it saw; every other completion carries the invoke value, as Jepsen's histories do. The
    /// outcome's reason code, node and redirect go into the event's <c>error</c>, <c>node</c> and <c>redirected-from</c>.
    /// </summary>
    public HistoryEvent RecordCompletion(ProcessId process, WorkloadOperation operation, OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(outcome);
        var (type, value) = outcome.Kind switch
        {
            OutcomeKind.Ok => (HistoryEventType.Ok, operation.IsRead ? outcome.Observed ?? HistoryValue.Null : operation.Value),
            OutcomeKind.Fail => (HistoryEventType.Fail, operation.Value),
            _ => (HistoryEventType.Info, operation.Value),
        };
        return Record(process, type, operation.F, operation.Key, value, outcome);
    }

    /// <summary>
    /// Records a nemesis action (<c>"process":"nemesis"</c>, <c>type</c> info), e.g. <c>start-partition</c> with the
    /// grudge as <paramref name="value"/> (use <see cref="RawJsonValue"/> for structured plans).
    /// </summary>
    public HistoryEvent RecordNemesis(string f, HistoryValue? value = null) =>
        Record(ProcessId.Nemesis, HistoryEventType.Info, f, key: null, value ?? HistoryValue.Null);

    /// <summary>Records any event; the other methods are shorthands for this.</summary>
    /// <exception cref="InvalidOperationException">A client process invokes while it has an open operation, or completes
    /// an operation it did not invoke (f or key differ); or the recorder is disposed.</exception>
    public HistoryEvent Record(ProcessId process, HistoryEventType type, string f, string? key, HistoryValue value) =>
        Record(process, type, f, key, value, outcome: null);

    private HistoryEvent Record(ProcessId process, HistoryEventType type, string f, string? key, HistoryValue value, OperationOutcome? outcome)
    {
        ArgumentException.ThrowIfNullOrEmpty(f);
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!process.IsNemesis)
            {
                TrackOpen(process.ClientId, type, f, key);
            }

            // The clock is read inside the lock, so a later index never has an earlier time; the max() guards
            // against a clock that steps back (it should not: Stopwatch is monotonic).
            var timestamp = time.GetTimestamp();
            lastTime = Math.Max(lastTime, ToNanoseconds(timestamp));
            var historyEvent = new HistoryEvent(nextIndex++, process, type, f, key, value, lastTime)
            {
                Error = outcome?.Error?.Code,
                Node = outcome?.Node,
                RedirectedFrom = outcome?.RedirectedFrom,
            };
            writer?.Write(historyEvent);
            events?.Add(historyEvent);
            Count(historyEvent);
            if (writer is not null && time.GetElapsedTime(lastFlushTimestamp, timestamp) >= options.FlushInterval)
            {
                writer.Flush();
                lastFlushTimestamp = timestamp;
            }

            return historyEvent;
        }
    }

    /// <summary>The counters now.</summary>
    public RecorderSnapshot Snapshot()
    {
        lock (gate)
        {
            var total = countsByFunction.Values.Aggregate(OperationCounts.Zero, (sum, counts) => sum + counts);
            var byFunction = new SortedDictionary<string, OperationCounts>(countsByFunction, StringComparer.Ordinal);
            return new RecorderSnapshot(nextIndex, ElapsedNanoseconds, total, byFunction, nemesisEventCount);
        }
    }

    /// <summary>Writes buffered lines to the file now.</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (!disposed)
            {
                writer?.Flush();
                lastFlushTimestamp = time.GetTimestamp();
            }
        }
    }

    /// <summary>Flushes and, when it owns it, closes the writer. Idempotent; recording afterwards throws.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (options.OwnsWriter)
            {
                writer?.Dispose();
            }
            else
            {
                writer?.Flush();
            }
        }
    }

    private void TrackOpen(int process, HistoryEventType type, string f, string? key)
    {
        var operation = f + " " + (key ?? "null");
        if (type == HistoryEventType.Invoke)
        {
            if (!openByProcess.TryAdd(process, operation))
            {
                throw new InvalidOperationException($"process {process} invokes {operation} while its {openByProcess[process]} is still open");
            }
        }
        else if (!openByProcess.Remove(process, out var open) || open != operation)
        {
            throw new InvalidOperationException($"process {process} completes {operation} but its open operation is {open ?? "none"}");
        }
    }

    private void Count(HistoryEvent historyEvent)
    {
        if (historyEvent.Process.IsNemesis)
        {
            nemesisEventCount++;
            return;
        }

        var counts = countsByFunction.GetValueOrDefault(historyEvent.F, OperationCounts.Zero);
        countsByFunction[historyEvent.F] = historyEvent.Type switch
        {
            HistoryEventType.Invoke => counts with { Invoked = counts.Invoked + 1 },
            HistoryEventType.Ok => counts with { Ok = counts.Ok + 1 },
            HistoryEventType.Fail => counts with { Fail = counts.Fail + 1 },
            _ => counts with { Info = counts.Info + 1 },
        };
    }

    private long ToNanoseconds(long timestamp) =>
        (long)((Int128)(timestamp - startTimestamp) * 1_000_000_000 / time.TimestampFrequency);
}
