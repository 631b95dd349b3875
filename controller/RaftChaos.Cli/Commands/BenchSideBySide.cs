using System.Globalization;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Targets;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos bench --target raftchaos,etcd</c>: the systems measured side by side in one run, interleaved (A, B, A, B
/// ...), each on a fresh three-node cluster in Docker, through its own workload client (<see cref="BenchEndpointLoad"/>)
/// over the port the cluster publishes on 127.0.0.1, every request of a step to the leader. Per cluster: writes (and
/// linearizable reads) at each client count, then leader kills and isolated-leader rejoins (<see cref="BenchDisruption"/>).
/// </summary>
internal static class BenchSideBySide
{
    /// <summary>How long the nodes' CPU is read with no client, after the cluster warm-up and before the first step.</summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Unmeasured load on a fresh cluster before anything is measured. A .NET node compiles its hot paths in the first
    /// seconds of work (tiered JIT); measured on a quiet machine, three fresh idle nodes of ours burned 859 ms of CPU per
    /// second right after the election and about 55 once warm, against etcd's 44 (Go is compiled ahead of time). Without
    /// this the idle figure and the first step's CPU per operation measure the JIT, not the node. Both targets get it.
    /// </summary>
    private static readonly TimeSpan ClusterWarmup = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The wait between the warm-up and the idle window. Right after load, three nodes of ours burned 218 ms of CPU per
    /// second for about 5 s (the runtime recompiling what the load made hot, GC), then 30-38 (host processes, measured
    /// quiet over 40 s); the idle figure is meant to be the steady cost, so it waits that out. etcd waits the same.
    /// </summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(10);

    /// <summary>What a side-by-side run measures.</summary>
    public sealed record Settings(IReadOnlyList<string> Targets, IReadOnlyList<int> Levels, TimeSpan Duration, TimeSpan Warmup,
        int ValueSize, int Keys, bool Reads, int Pairs, int Kills, int Rejoins);

    /// <summary>
    /// The target called <paramref name="name"/> with the bench's timings, alike on every system: 50 ms heartbeats and a
    /// 500 ms election timeout (a follower campaigns after a random 500-1,000 ms on both: etcd randomizes over
    /// [timeout, 2 × timeout), our node over [ticks, 2 × ticks)). etcd keeps its 3.4 default of no PreVote; our node its
    /// default PreVote. Null for an unknown name.
    /// </summary>
    public static ISystemUnderTest? Create(string name) => name switch
    {
        RaftChaosTarget.TargetName => new RaftChaosTarget(new RaftChaosTargetOptions { TickMs = 50, ElectionTicks = 10, HeartbeatTicks = 1 }),
        EtcdTarget.TargetName => new EtcdTarget(new EtcdTargetOptions { HeartbeatIntervalMs = 50, ElectionTimeoutMs = 500 }),
        _ => null,
    };

    /// <summary>Runs every pair; returns the samples (also on failure of a later cluster: what was measured is kept).</summary>
    public static async Task<int> RunAsync(Settings settings, TextWriter output, Action<IReadOnlyList<BenchSample>, IReadOnlyList<BenchComparison.Line>>? onResult,
        CancellationToken ct)
    {
        if (await EngineCommand.EnsureAsync(output, ct).ConfigureAwait(false) is { } noEngine)
        {
            Console.Error.WriteLine("raftchaos bench: " + noEngine);
            return ExitCodes.Unavailable;
        }
        var targets = settings.Targets.Select(name => Create(name)!).ToList();
        output.WriteLine($"bench: {string.Join(" vs ", targets)}; {settings.Pairs} interleaved pair(s) of fresh 3-node clusters; " +
            $"{settings.Keys} keys, {settings.ValueSize}-byte values, {settings.Duration.TotalSeconds:0.#} s per step after {settings.Warmup.TotalSeconds:0.#} s warm-up; " +
            $"{settings.Kills} leader kill(s) and {settings.Rejoins} rejoin(s) per cluster");
        var samples = new List<BenchSample>();
        var failed = false;
        await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
        for (var pair = 1; pair <= settings.Pairs && !failed; pair++)
        {
            foreach (var target in targets)
            {
                try
                {
                    await MeasureClusterAsync(engine, target, pair, settings, samples, output, ct).ConfigureAwait(false);
                }
                catch (Exception error) when (error is TimeoutException or InvalidOperationException)
                {
                    // A cluster that did not start or lost its leader for good ends the run; what was measured is printed.
                    Console.Error.WriteLine($"raftchaos bench: {target.Name}, pair {pair}: {error.Message}");
                    failed = true;
                    break;
                }
            }
        }
        var lines = BenchComparison.Build(settings.Targets, samples);
        output.WriteLine();
        BenchComparison.WriteTo(settings.Targets, lines, output);
        onResult?.Invoke(samples, lines);
        return failed ? 1 : 0;
    }

    // Adds to samples as it measures, so a cluster that fails half way keeps what it measured.
    private static async Task MeasureClusterAsync(DockerEngine engine, ISystemUnderTest target, int pair, Settings settings,
        List<BenchSample> samples, TextWriter output, CancellationToken ct)
    {
        await using var cluster = await RaftCluster.StartAsync(new ClusterOptions { Nodes = 3, Target = target, ClockFaults = false }, engine, null, ct)
            .ConfigureAwait(false);
        var endpoints = cluster.CreateEndpoints();
        try
        {
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{target.Name} discovers no leader");
            var toLeader = endpoints[cluster.NodeIds.ToList().IndexOf(leader)];
            output.WriteLine($"pair {pair}, {target.Name}: cluster {cluster.RunId} up in {cluster.StartDuration.TotalSeconds:0.0} s, leader {leader}");
            var writes = BenchEndpointLoad.Writes(settings.ValueSize);
            var containers = cluster.Nodes.Select(n => n.ContainerId).ToList();
            await BenchEndpointLoad.MeasureAsync("write", settings.Levels.Max(), ClusterWarmup, TimeSpan.Zero, settings.Keys, toLeader, writes, ct).ConfigureAwait(false);
            if (settings.Reads)
            {
                await BenchEndpointLoad.MeasureAsync("read", settings.Levels.Max(), ClusterWarmup, TimeSpan.Zero, settings.Keys, toLeader, BenchEndpointLoad.Reads, ct).ConfigureAwait(false);
            }
            // What the nodes burn with no client at all (timers, heartbeats, runtime): every operation's share of it
            // shrinks as the rate grows, so it explains most of a low-rate CPU-per-operation figure.
            await Task.Delay(IdleSettle, ct).ConfigureAwait(false);
            if (ContainerCpu.TotalNs(containers) is { } idleBefore)
            {
                var idleFrom = System.Diagnostics.Stopwatch.GetTimestamp();
                await Task.Delay(IdleWindow, ct).ConfigureAwait(false);
                if (ContainerCpu.TotalNs(containers) is { } idleAfter)
                {
                    var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(idleFrom).TotalSeconds;
                    samples.Add(Report(new BenchSample(target.Name, pair, "idle: node CPU ms/s (3 nodes)", (idleAfter - idleBefore) / 1e6 / seconds, BenchSample.CurrentLoad()), output));
                }
            }
            foreach (var level in settings.Levels)
            {
                samples.AddRange(await StepAsync("write", level, writes).ConfigureAwait(false));
                if (settings.Reads)
                {
                    samples.AddRange(await StepAsync("read", level, BenchEndpointLoad.Reads).ConfigureAwait(false));
                }
            }

            async Task<List<BenchSample>> StepAsync(string op, int level, Func<string, RaftChaos.Workloads.Generators.WorkloadOperation> operation)
            {
                var nodesBefore = ContainerCpu.TotalNs(containers);
                var clientBefore = Environment.CpuUsage.TotalTime;
                var row = await BenchEndpointLoad.MeasureAsync(op, level, settings.Duration, settings.Warmup, settings.Keys, toLeader, operation, ct).ConfigureAwait(false);
                var nodesAfter = ContainerCpu.TotalNs(containers);
                var clientAfter = Environment.CpuUsage.TotalTime;
                var stepSamples = Report(target.Name, pair, row, output).ToList();
                // CPU covers the warm-up too: operations are counted over the whole step at the measured rate.
                var operations = row.Ok * (settings.Warmup + settings.Duration) / settings.Duration;
                if (operations > 0 && nodesBefore is { } before && nodesAfter is { } after)
                {
                    stepSamples.Add(Report(new BenchSample(target.Name, pair, $"{op} {level} node CPU us/op", (after - before) / 1000 / operations, stepSamples[0].Load), output));
                }
                if (operations > 0)
                {
                    stepSamples.Add(Report(new BenchSample(target.Name, pair, $"{op} {level} client CPU us/op", (clientAfter - clientBefore).TotalMicroseconds / operations, stepSamples[0].Load), output));
                }
                return stepSamples;
            }
            for (var i = 0; i < settings.Kills; i++)
            {
                var ms = await BenchDisruption.KillToNextWriteMsAsync(cluster, endpoints, writes, ct).ConfigureAwait(false);
                samples.Add(Report(new BenchSample(target.Name, pair, "kill leader: ms to next ack'd write", ms, BenchSample.CurrentLoad()), output));
            }
            for (var i = 0; i < settings.Rejoins; i++)
            {
                var quiet = await BenchDisruption.QuietGapMsAsync(cluster, endpoints, writes, ct).ConfigureAwait(false);
                samples.Add(Report(new BenchSample(target.Name, pair, "no fault: longest write gap ms", quiet, BenchSample.CurrentLoad()), output));
                var ms = await BenchDisruption.RejoinGapMsAsync(cluster, endpoints, writes, ct).ConfigureAwait(false);
                samples.Add(Report(new BenchSample(target.Name, pair, "leader rejoins: longest write gap ms", ms, BenchSample.CurrentLoad()), output));
            }
        }
        finally
        {
            foreach (var endpoint in endpoints.OfType<IDisposable>())
            {
                endpoint.Dispose();
            }
        }
    }

    private static IEnumerable<BenchSample> Report(string target, int pair, BenchRow row, TextWriter output)
    {
        var load = BenchSample.CurrentLoad();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {target,-9} {row.Format()} load {load:0.00}"));
        return BenchSample.FromRow(target, pair, row, load).ToList();
    }

    private static BenchSample Report(BenchSample sample, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sample.Target,-9} {sample.Figure}: {sample.Value:0.0} (load {sample.Load:0.00})"));
        return sample;
    }
}
