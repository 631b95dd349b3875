using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// One bench step through a target's own workload client (<see cref="IKvEndpoint"/>, made by the target): closed-loop
/// clients sending one operation after another to one node for a fixed time. <c>bench --target</c> measures every system
/// this way, so our node and etcd go through the same .NET gRPC channel set-up and the same per-operation work.
/// </summary>
internal static class BenchEndpointLoad
{
    /// <summary>A write of a <paramref name="valueSize"/>-byte string value (the same bytes on every target).</summary>
    public static Func<string, WorkloadOperation> Writes(int valueSize)
    {
        var value = HistoryValue.Of(new string(Enumerable.Range(0, valueSize).Select(i => (char)('a' + (i % 26))).ToArray()));
        return key => new WorkloadOperation(WorkloadOperation.Functions.Write, key, value);
    }

    /// <summary>A linearizable read (ReadIndex on our node, a linearizable Range on etcd).</summary>
    public static Func<string, WorkloadOperation> Reads { get; } = WorkloadOperation.Read;

    /// <summary>
    /// Runs <paramref name="clients"/> closed loops against <paramref name="endpoint"/>; only operations that started after
    /// the warm-up count. An outcome other than ok is an error of the row: the bench never retries it.
    /// </summary>
    public static Task<BenchRow> MeasureAsync(string op, int clients, TimeSpan duration, TimeSpan warmup, int keys,
        IKvEndpoint endpoint, Func<string, WorkloadOperation> operation, CancellationToken ct) =>
        MeasureLoopsAsync(op, clients, duration, warmup, keys,
            async (key, token) => (await endpoint.ExecuteAsync(operation(key), token).ConfigureAwait(false)).Kind == OutcomeKind.Ok, ct);

    /// <summary>
    /// The closed loops both bench modes share: each of <paramref name="clients"/> workers calls <paramref name="call"/> on
    /// a random key of <paramref name="keys"/> one after another for the warm-up plus <paramref name="duration"/>; calls
    /// that started after the warm-up count, those answering true in the latency histogram, the others as errors.
    /// </summary>
    public static async Task<BenchRow> MeasureLoopsAsync(string op, int clients, TimeSpan duration, TimeSpan warmup, int keys,
        Func<string, CancellationToken, Task<bool>> call, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            // Latencies in microseconds, up to one minute, three significant digits.
            var histogram = new LongHistogram(60_000_000, 3);
            long errors = 0;
            var random = new Random(worker);
            while (Stopwatch.GetTimestamp() < stopAt && !ct.IsCancellationRequested)
            {
                var key = "bench-" + random.Next(keys).ToString(CultureInfo.InvariantCulture);
                var t0 = Stopwatch.GetTimestamp();
                var ok = await call(key, ct).ConfigureAwait(false);
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < measureFrom)
                {
                    continue;
                }
                if (ok)
                {
                    histogram.RecordValue(Math.Max(1, (t1 - t0) * 1_000_000 / Stopwatch.Frequency));
                }
                else
                {
                    errors++;
                }
            }
            return (histogram, errors);
        }, ct)).ToList();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var total = new LongHistogram(60_000_000, 3);
        foreach (var (histogram, _) in results)
        {
            total.Add(histogram);
        }
        return new BenchRow(op, clients, total.TotalCount, results.Sum(r => r.errors), duration, total);
    }
}
