using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Workloads.Running;

/// <summary>
/// Drives one workload against a cluster: <see cref="WorkloadOptions.Concurrency"/> logical processes, process slot
/// <c>i</c> bound to endpoint <c>i mod n</c>, each issuing one operation at a time on its own jittered schedule so
/// that together they reach <see cref="WorkloadOptions.Rate"/>. Every operation is recorded (invoke just before the
/// call, completion as soon as it ends) and never retried, with one exception that is not a retry: with
/// <see cref="WorkloadOptions.FollowLeader"/> a write refused with not-leader goes once more to the leader the refusal
/// named, inside the same operation (the refusal proves the first attempt was never proposed). After an <c>info</c>
/// outcome the process is retired and its slot continues as process <c>old + concurrency</c>, as in Jepsen. Then, once the controller has healed the
/// cluster, <see cref="ReadFinalAsync(CancellationToken)"/> reads every key from every node.
/// </summary>
public sealed class WorkloadRunner
{
    /// <summary>How long a cancelled call may take to give its own answer (it only has to notice its token).</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromMilliseconds(500);

    private readonly WorkloadOptions options;
    private readonly IReadOnlyList<IKvEndpoint> endpoints;
    private readonly Dictionary<string, IKvEndpoint> endpointsByNode;
    private readonly HistoryRecorder recorder;
    private readonly TimeProvider time;
    private readonly Lock touchedGate = new();
    private readonly HashSet<string?> touchedKeys = [];
    private int started;
    private int highestProcess = -1;
    private long invoked;
    private long ok;
    private long failed;
    private long unknown;
    private int retired;

    /// <summary>Creates a runner; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="options">Validated here; the generator is built from them.</param>
    /// <param name="endpoints">One per node, in node order; the caller owns (and disposes) them.</param>
    /// <param name="recorder">Where events go; the controller records nemesis events through the same recorder.</param>
    /// <param name="timeProvider">The clock of the schedule, the time limit and the per-operation timeouts. Default system.</param>
    public WorkloadRunner(WorkloadOptions options, IReadOnlyList<IKvEndpoint> endpoints, HistoryRecorder recorder, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(recorder);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("a workload needs at least one endpoint", nameof(endpoints));
        }

        Generator = options.CreateGenerator();
        this.options = options;
        this.endpoints = endpoints.ToArray();
        endpointsByNode = this.endpoints.DistinctBy(e => e.Node, StringComparer.Ordinal).ToDictionary(e => e.Node, StringComparer.Ordinal);
        this.recorder = recorder;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The generator built from the options (its <see cref="OperationGenerator.ModelName"/> names the checker model).</summary>
    public OperationGenerator Generator { get; }

    /// <summary>History keys used so far (null is the single register), in key order.</summary>
    public IReadOnlyList<string?> TouchedKeys
    {
        get
        {
            lock (touchedGate)
            {
                return touchedKeys.OrderBy(key => key, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>
    /// Runs the main phase for <paramref name="timeLimit"/>. At the limit no new operation starts; operations in flight
    /// finish (bounded by the per-operation timeout). Cancelling <paramref name="cancellationToken"/> stops at once:
    /// operations in flight are recorded as ambiguous, then <see cref="OperationCanceledException"/> is thrown.
    /// May be called once.
    /// </summary>
    public async Task<WorkloadRunSummary> RunAsync(TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeLimit, TimeSpan.Zero);
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("a WorkloadRunner runs its main phase once");
        }

        var start = time.GetTimestamp();
        using var limit = new CancellationTokenSource(timeLimit, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        var slots = Enumerable.Range(0, options.Concurrency)
            .Select(slot => RunSlotAsync(slot, start, stop.Token, cancellationToken))
            .ToArray();
        await Task.WhenAll(slots).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new WorkloadRunSummary(
            new OperationCounts(Interlocked.Read(ref invoked), Interlocked.Read(ref ok), Interlocked.Read(ref failed), Interlocked.Read(ref unknown)),
            Volatile.Read(ref retired),
            time.GetElapsedTime(start),
            TouchedKeys);
    }

    /// <summary>
    /// The final phase, after the controller healed the cluster and waited for quiescence: reads every touched key
    /// (every generator key if nothing was touched) from every node with linearizable reads, one fresh process per
    /// node, as ordinary read operations in the history. A key that does not read ok is tried again up to
    /// <see cref="WorkloadOptions.FinalReadAttempts"/> times, each attempt a new operation.
    /// </summary>
    public Task<FinalReadSummary> ReadFinalAsync(CancellationToken cancellationToken = default)
    {
        var keys = TouchedKeys;
        return ReadFinalAsync(keys.Count > 0 ? keys : Generator.Keys, cancellationToken);
    }

    /// <summary>The final phase over the given history keys; see <see cref="ReadFinalAsync(CancellationToken)"/>.</summary>
    public async Task<FinalReadSummary> ReadFinalAsync(IReadOnlyList<string?> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // Fresh ids above every id used so far, so no final-read process reuses a client's.
        var firstProcess = Interlocked.Add(ref highestProcess, endpoints.Count) - endpoints.Count + 1;
        var perNode = endpoints
            .Select((endpoint, i) => ReadNodeAsync(endpoint, firstProcess + i, keys, cancellationToken))
            .ToArray();
        var reads = await Task.WhenAll(perNode).ConfigureAwait(false);
        return new FinalReadSummary(reads.SelectMany(node => node).ToArray());
    }

    private async Task RunSlotAsync(int slot, long start, CancellationToken stop, CancellationToken abort)
    {
        // Yield first so that Task.WhenAll sees every slot started even when the endpoints complete synchronously.
        await Task.Yield();
        var endpoint = endpoints[slot % endpoints.Count];
        var random = new Random(StreamSeeds.For(options.Seed, slot, StreamSeeds.Operations));
        var schedule = new RateSchedule(options.Rate / options.Concurrency, new Random(StreamSeeds.For(options.Seed, slot, StreamSeeds.Schedule)));
        var process = slot;
        NoteProcess(process);
        var sequence = 0L;
        var due = schedule.First();
        while (await WaitUntilAsync(start, due, stop).ConfigureAwait(false))
        {
            var operation = Generator.Next(random, new GeneratorContext(process, sequence++));
            var outcome = await ExecuteOnceAsync(endpoint, process, operation, abort).ConfigureAwait(false);
            if (outcome.Kind == OutcomeKind.Info)
            {
                process += options.Concurrency;
                NoteProcess(process);
                Interlocked.Increment(ref retired);
            }

            due = schedule.Next(due, time.GetElapsedTime(start));
        }
    }

    private async Task<IReadOnlyList<FinalRead>> ReadNodeAsync(IKvEndpoint endpoint, int process, IReadOnlyList<string?> keys, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var reads = new List<FinalRead>(keys.Count);
        foreach (var key in keys)
        {
            var operation = WorkloadOperation.Read(key);
            OperationOutcome outcome;
            var attempts = 0;
            while (true)
            {
                attempts++;
                outcome = await ExecuteOnceAsync(endpoint, process, operation, cancellationToken).ConfigureAwait(false);
                if (outcome.Kind == OutcomeKind.Info)
                {
                    // Reads are recorded fail when ambiguous, but an endpoint may still say info: honour the discipline.
                    process += endpoints.Count;
                    NoteProcess(process);
                }

                if (outcome.Kind == OutcomeKind.Ok || attempts >= options.FinalReadAttempts)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                await Task.Delay(options.FinalReadRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }

            reads.Add(new FinalRead(endpoint.Node, key, attempts, outcome));
        }

        return reads;
    }

    // One operation, recorded: invoke, a call bounded by the per-operation timeout (and at most one redirect to the
    // leader, under the same timeout), completion.
    private async Task<OperationOutcome> ExecuteOnceAsync(IKvEndpoint endpoint, int process, WorkloadOperation operation, CancellationToken abort)
    {
        lock (touchedGate)
        {
            touchedKeys.Add(operation.Key);
        }

        var id = ProcessId.Client(process);
        recorder.RecordInvoke(id, operation);
        Interlocked.Increment(ref invoked);
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abort);
        var outcome = await CallAsync(endpoint, operation, linked.Token).ConfigureAwait(false);
        if (RedirectTarget(endpoint, operation, outcome) is { } leader && !linked.IsCancellationRequested)
        {
            outcome = await CallAsync(leader, operation, linked.Token).ConfigureAwait(false) with { RedirectedFrom = endpoint.Node };
        }

        if (timeout.IsCancellationRequested && (outcome.Kind == OutcomeKind.Info || outcome.Error == ErrorCode.Cancelled))
        {
            outcome = outcome with { Reason = TimeoutReason(), Error = ErrorCode.Deadline };
        }

        recorder.RecordCompletion(id, operation, outcome);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                Interlocked.Increment(ref ok);
                break;
            case OutcomeKind.Fail:
                Interlocked.Increment(ref failed);
                break;
            default:
                Interlocked.Increment(ref unknown);
                break;
        }

        return outcome;
    }

    // One call to one endpoint, its outcome stamped with the endpoint's node.
    private async Task<OperationOutcome> CallAsync(IKvEndpoint endpoint, WorkloadOperation operation, CancellationToken cancellationToken)
    {
        var call = endpoint.ExecuteAsync(operation, cancellationToken);
        OperationOutcome outcome;
        try
        {
            // WaitAsync bounds the wait even if an endpoint ignores its token.
            outcome = await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // An endpoint that honours its token answers at once, and may know more than "unknown": a write whose
            // status probe the timeout cut short was never sent (fail, probe-failed). So take its answer when it comes
            // within a moment; an endpoint that ignores its token, or throws, gets the ambiguous outcome.
            try
            {
                outcome = await call.WaitAsync(CancellationGrace, time).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                outcome = OutcomeClassifier.Ambiguous(operation, "run cancelled", ErrorCode.Cancelled);
            }
        }

        return outcome with { Node = endpoint.Node };
    }

    // Where to send an operation once more: a mutation refused with not-leader that named another node we know.
    private IKvEndpoint? RedirectTarget(IKvEndpoint endpoint, WorkloadOperation operation, OperationOutcome outcome) =>
        options.FollowLeader && !operation.IsRead && outcome is { Kind: OutcomeKind.Fail, Leader: { } leader }
            && outcome.Error == ErrorCode.NotLeader && leader != endpoint.Node
            && endpointsByNode.TryGetValue(leader, out var target)
            ? target
            : null;

    // Waits until `due` after `start`; false when the phase is over (the limit passed or the run was cancelled).
    private async Task<bool> WaitUntilAsync(long start, TimeSpan due, CancellationToken stop)
    {
        var wait = due - time.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            try
            {
                // Task.Delay on the injected TimeProvider: tests drive it with a fake clock.
                await Task.Delay(wait, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
        }

        return !stop.IsCancellationRequested;
    }

    private void NoteProcess(int process)
    {
        var current = Volatile.Read(ref highestProcess);
        while (process > current)
        {
            var seen = Interlocked.CompareExchange(ref highestProcess, process, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private string TimeoutReason() => $"timed out after {options.Timeout.TotalMilliseconds:0} ms";
}
