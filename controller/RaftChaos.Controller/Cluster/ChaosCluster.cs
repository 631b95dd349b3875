using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Workloads;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// A cluster made by <see cref="RaftClusterBuilder"/>: configured, validated, started by <see cref="StartAsync"/>, removed
/// by <see cref="DisposeAsync"/> (idempotent; also when the start failed). Once started, <see cref="Cluster"/> offers
/// every fault by hand, and <see cref="RunWorkloadAsync"/> runs a workload under the builder's nemesis and checks the
/// history it recorded.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly NemesisOptions _nemesis;
    private readonly DockerEngineOptions? _engineOptions;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DockerEngine? _engine;
    private RaftCluster? _cluster;
    private bool _disposed;

    internal ChaosCluster(ClusterOptions options, NemesisOptions nemesis, DockerEngineOptions? engine, ILogger? logger)
    {
        Options = options;
        _nemesis = nemesis;
        _engineOptions = engine;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The validated cluster settings.</summary>
    public ClusterOptions Options { get; }

    /// <summary>The running cluster: nodes, clients, faults.</summary>
    /// <exception cref="InvalidOperationException">Not started yet (call <see cref="StartAsync"/>), or disposed.</exception>
    public RaftCluster Cluster => _cluster ?? throw new InvalidOperationException(_disposed
        ? "the cluster was disposed"
        : "the cluster is not started: await cluster.StartAsync(cancellationToken) first");

    /// <summary>
    /// Connects to the engine, builds the node image when needed, starts the node containers and waits until one leader
    /// is elected that every node names. Calling it again on a started cluster does nothing.
    /// </summary>
    /// <exception cref="DockerUnavailableException">No engine answers (its message says how to start one).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cluster is not null) return;
            // The builder's engine options, else the cluster's first engine (a cluster that spans engines needs its first).
            var engineOptions = _engineOptions ?? (Options.MainEngine is { } main ? new DockerEngineOptions { Endpoint = main } : null);
            _engine = await DockerEngine.ConnectAsync(engineOptions, _logger, cancellationToken).ConfigureAwait(false);
            _cluster = await RaftCluster.StartAsync(Options, _engine, _logger, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="workload"/> (its seed replaced by the cluster's) for <paramref name="duration"/> while the
    /// builder's nemesis injects faults; then heals every fault, waits for a leader, reads every key back, and checks the
    /// recorded history for linearizability with the workload's model. Nothing is retried silently: an operation without
    /// an answer is recorded <c>info</c>.
    /// </summary>
    public async Task<WorkloadCheck> RunWorkloadAsync(WorkloadOptions workload, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "must be positive");
        var cluster = Cluster;
        var seeded = workload.WithSeed(Options.Seed);
        seeded.EnsureValid();

        using var recorder = HistoryRecorder.InMemory();
        var endpoints = cluster.CreateEndpoints();
        try
        {
            var runner = new WorkloadRunner(seeded, endpoints, recorder);
            var schedule = new NemesisSchedule(_nemesis, new NemesisContext(cluster, new Random(Options.Seed), recorder), _logger);
            await Task.WhenAll(runner.RunAsync(duration, cancellationToken), schedule.RunAsync(duration, cancellationToken)).ConfigureAwait(false);
            await schedule.StopAllAsync(cancellationToken).ConfigureAwait(false);
            await cluster.HealAsync(cancellationToken).ConfigureAwait(false);
            await cluster.WaitForLeaderAsync(Options.StartTimeout, cancellationToken).ConfigureAwait(false);
            await runner.ReadFinalAsync(cancellationToken).ConfigureAwait(false);

            var history = OperationHistory.FromEvents(recorder.Events);
            var model = BuiltInModels.Find(runner.Generator.ModelName)
                ?? throw new InvalidOperationException($"no checker model '{runner.Generator.ModelName}'");
            var check = new LinearizabilityChecker().Check(history, model, cancellationToken);
            return new WorkloadCheck(history, check);
        }
        finally
        {
            foreach (var endpoint in endpoints.OfType<IDisposable>()) endpoint.Dispose();
        }
    }

    /// <summary>Removes the containers and the network (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_cluster is not null) await _cluster.DisposeAsync().ConfigureAwait(false);
            if (_engine is not null) await _engine.DisposeAsync().ConfigureAwait(false);
            _cluster = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
