using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Networking;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// A Raft cluster of node containers for one run or one test: built with Testcontainers on a private run network
/// (node i at a fixed address, so a killed node returns with the same address), every container labelled with the run
/// id, clients on ports published on 127.0.0.1, every fault of the bed at the cluster level (RaftCluster.Faults.cs).
/// <code>
/// await using var cluster = await RaftCluster.StartAsync(new ClusterOptions { Nodes = 3 }, ct);
/// var leader = await cluster.LeaderAsync(ct);
/// await cluster.PartitionAsync(Grudges.Isolate(cluster.NodeIds, leader!.Id), ct);
/// await cluster.HealAsync(ct);
/// </code>
/// Disposing removes the containers and the network (idempotent; also when starting fails).
/// </summary>
public sealed partial class RaftCluster : IAsyncDisposable
{
    /// <summary>The node's client and peer port inside its container.</summary>
    public const int NodePort = 5000;

    private readonly ClusterOptions _options;
    private readonly DockerEngine _engine;
    private readonly bool _ownsEngine;
    private readonly ILogger _logger;
    private readonly List<IContainer> _containers = [];
    private readonly List<ClusterNode> _nodes = [];
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private int _disposed;

    private RaftCluster(ClusterOptions options, DockerEngine engine, bool ownsEngine, string runId, string image, ILogger logger)
    {
        _options = options;
        _engine = engine;
        _ownsEngine = ownsEngine;
        RunId = runId;
        Image = image;
        _logger = logger;
        _kill = new ContainerKill(engine, logger);
        _pause = new ContainerPause(engine, logger);
        _clock = new FaketimeClock(engine, options.Faketime, logger);
    }

    /// <summary>The run id on every container and the network.</summary>
    public string RunId { get; }

    /// <summary>The node image the containers run.</summary>
    public string Image { get; }

    /// <summary>The engine connection.</summary>
    public DockerEngine Engine => _engine;

    /// <summary>The run network (null only while starting).</summary>
    public RunNetwork Network { get; private set; } = null!;

    /// <summary>The nodes, n1..nN in order.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>The node ids, n1..nN.</summary>
    public IReadOnlyList<string> NodeIds => _nodes.Select(n => n.Id).ToList();

    /// <summary>How long the start took: image check, containers, until every node knew one leader.</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>The node with id <paramref name="id"/>.</summary>
    public ClusterNode this[string id] => _nodes.FirstOrDefault(n => n.Id == id) ?? throw new KeyNotFoundException($"no node {id} in run {RunId}");

    /// <summary>Starts a cluster of <paramref name="nodes"/> nodes with default options.</summary>
    public static Task<RaftCluster> StartAsync(int nodes, CancellationToken cancellationToken)
        => StartAsync(new ClusterOptions { Nodes = nodes }, null, null, cancellationToken);

    /// <summary>Starts a cluster, connecting to the engine itself.</summary>
    public static Task<RaftCluster> StartAsync(ClusterOptions? options, CancellationToken cancellationToken)
        => StartAsync(options, null, null, cancellationToken);

    /// <summary>
    /// Starts a cluster: ensures the node image, reaps runs of crashed controllers, creates the network and the
    /// containers, and waits until one leader is elected and every node answers Status naming it.
    /// </summary>
    /// <exception cref="DockerUnavailableException">No engine answers (its message says how to start one).</exception>
    public static async Task<RaftCluster> StartAsync(ClusterOptions? options, DockerEngine? engine, ILogger? logger, CancellationToken cancellationToken)
    {
        options ??= new ClusterOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ownsEngine = engine is null;
        engine ??= await DockerEngine.ConnectAsync(null, logger, cancellationToken).ConfigureAwait(false);
        RaftCluster? cluster = null;
        try
        {
            var runId = options.RunId ?? RunLabels.NewRunId();
            var image = options.Image ?? await NodeImage.EnsureAsync(options.ImageOptions, line => Log.ImageStep(logger, line, null), cancellationToken).ConfigureAwait(false);
            if (options.ReapStaleRuns)
            {
                var reaped = await new StaleRunReaper(engine, logger).ReapAsync(runId, cancellationToken).ConfigureAwait(false);
                if (reaped.Count > 0) Log.StaleRunsReaped(logger, string.Join(", ", reaped), null);
            }
            cluster = new RaftCluster(options, engine, ownsEngine, runId, image, logger);
            await cluster.CreateAsync(cancellationToken).ConfigureAwait(false);
            await cluster.WaitForLeaderAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            cluster.StartDuration = clock.Elapsed;
            Log.ClusterReady(logger, runId, options.Nodes, clock.Elapsed.TotalSeconds, null);
            return cluster;
        }
        catch
        {
            if (cluster is not null) await cluster.DisposeAsync().ConfigureAwait(false);
            else if (ownsEngine) await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The node's executable in the image (its entrypoint, node/Dockerfile).</summary>
    private const string NodeBinary = "/opt/raftchaos/RaftChaos.Node";

    /// <summary>
    /// The entrypoint under failpoints (<c>sh -c</c>, the node's arguments as <c>$@</c>): runs the node, starts it again
    /// when it died of SIGKILL (status 137, a failpoint crash) and logs that; any other exit ends the container with the
    /// node's status. SIGTERM is passed on so a stop is still a clean stop.
    /// </summary>
    private const string Supervisor =
        "trap 'kill -TERM \"$child\" 2>/dev/null; wait \"$child\"; exit 143' TERM INT; " +
        "while :; do " + NodeBinary + " \"$@\" & child=$!; wait \"$child\"; status=$?; " +
        "[ \"$status\" -eq 137 ] || exit \"$status\"; " +
        "echo 'level=warn event=NodeRestarted reason=sigkill msg=\"the node died of SIGKILL (a failpoint); the supervisor starts it again\"'; " +
        "done";

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        Network = await RunNetwork.CreateAsync(_engine, RunId, null, _logger, cancellationToken).ConfigureAwait(false);
        var ids = Enumerable.Range(1, _options.Nodes).Select(i => $"n{i}").ToList();
        var peers = string.Join(",", ids.Select((id, i) => $"{id}={Network.AddressOf(i)}:{NodePort}"));
        var environment = _options.ClockFaults ? _options.Faketime.ContainerEnvironment() : new Dictionary<string, string>();
        var planned = new List<(ClusterNode Node, IContainer Container)>();
        foreach (var (id, index) in ids.Select((id, i) => (id, i)))
        {
            // A fixed host port (instead of letting the engine choose) survives a kill and restart, so clients keep it.
            var hostPort = FreeLoopbackPort();
            var name = $"raftchaos-{RunId}-{id}";
            var command = new List<string> { "--id", id, "--peers", peers, "--listen", $"0.0.0.0:{NodePort}", "--data-dir", "/data" };
            if (_options.Unsafe.Count > 0) command.AddRange(["--unsafe", string.Join(",", _options.Unsafe)]);
            if (_options.TickMs is { } tick) command.AddRange(["--tick-ms", tick.ToString(CultureInfo.InvariantCulture)]);
            if (_options.ElectionTicks is { } election) command.AddRange(["--election-ticks", election.ToString(CultureInfo.InvariantCulture)]);
            if (_options.HeartbeatTicks is { } heartbeat) command.AddRange(["--heartbeat-ticks", heartbeat.ToString(CultureInfo.InvariantCulture)]);
            if (_options.Failpoint is { } failpoint)
                command.AddRange(["--failpoint", failpoint, "--failpoint-seed", (_options.FailpointSeed + index).ToString(CultureInfo.InvariantCulture),
                    "--failpoint-file", FailpointArmFile]);
            var builder = new ContainerBuilder(Image)
                .WithImagePullPolicy(PullPolicy.Never)
                .WithLogger(_logger)
                .WithName(name)
                .WithLabel(RunLabels.Run, RunId)
                .WithLabel(RunLabels.Node, id)
                .WithLabel(RunOwner.Label, RunOwner.Current.ToString())
                .WithCommand([.. command])
                .WithCreateParameterModifier(p =>
                {
                    p.HostConfig!.CapAdd = ["NET_ADMIN"];
                    // A node that crashes itself at a failpoint comes back like a supervised process: the supervisor
                    // loop starts it again at once, in the same container, so the container's iptables rules and clock
                    // file stay in force (an engine restart would drop the rules and add a back-off doubling per quick
                    // crash: 2.6 s, then 5 s, measured). The engine's init (tini) runs as PID 1 so the node is an
                    // ordinary process: the kernel ignores a SIGKILL that a namespace's PID 1 sends itself. The restart
                    // policy only covers the supervisor itself failing; without failpoints a crash stays down.
                    if (_options.Failpoint is not null)
                    {
                        p.HostConfig.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure };
                        p.HostConfig.Init = true;
                    }
                    // Published on loopback only: clients reach nodes through 127.0.0.1, nothing else.
                    p.ExposedPorts = new Dictionary<string, EmptyStruct> { [$"{NodePort}/tcp"] = default };
                    p.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>
                    {
                        [$"{NodePort}/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort.ToString(CultureInfo.InvariantCulture) }],
                    };
                    p.HostConfig.NetworkMode = Network.Name;
                    p.NetworkingConfig = new NetworkingConfig
                    {
                        EndpointsConfig = new Dictionary<string, EndpointSettings> { [Network.Name] = Network.EndpointFor(index, id, name) },
                    };
                });
            // Under failpoints the supervisor wraps the image's own entrypoint (NodeBinary).
            if (_options.Failpoint is not null) builder = builder.WithEntrypoint("/bin/sh", "-c", Supervisor, "raftchaos-supervisor");
            foreach (var (key, value) in environment) builder = builder.WithEnvironment(key, value);
            var container = builder.Build();
            _containers.Add(container);
            planned.Add((new ClusterNode(id, index, "", name, Network.AddressOf(index), new NodeAddress("127.0.0.1", hostPort)), container));
        }
        // Started together: the election can begin as soon as a majority is up, and it saves ~0.4 s a node.
        await Task.WhenAll(planned.Select(p => p.Container.StartAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var (node, container) in planned)
        {
            var started = node with { ContainerId = container.Id };
            _nodes.Add(started);
            _channels[started.Id] = NodeChannels.Create(started.ClientAddress);
        }
    }

    /// <summary>
    /// Waits until every node that is not killed or paused answers Status, one of them is leader, and all of them name
    /// it; returns the leader. Throws <see cref="TimeoutException"/> with every node's last status otherwise.
    /// </summary>
    public async Task<ClusterNode> WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            var live = LiveNodes();
            var statuses = await Task.WhenAll(live.Select(n => TryStatusAsync(n, cancellationToken))).ConfigureAwait(false);
            var leader = statuses.Where(s => s?.Role == "leader").OrderByDescending(s => s!.Term).FirstOrDefault();
            if (leader is not null && statuses.All(s => s?.LeaderId == leader.Id)) return this[leader.Id];
            last = string.Join("; ", live.Zip(statuses, (n, s) => s is null ? $"{n.Id}: no answer" : $"{n.Id}: {s.Role} term {s.Term} leader '{s.LeaderId}'"));
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no leader known to every node of run {RunId} within {timeout.TotalSeconds:F0} s ({last})");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The node's Status (throws <see cref="RpcException"/> when it does not answer within the status timeout).</summary>
    public Task<StatusReply> StatusAsync(ClusterNode node, CancellationToken cancellationToken)
        => StatusAsync(node, _options.StatusTimeout, cancellationToken);

    /// <summary>The node's Status within <paramref name="timeout"/> (throws <see cref="RpcException"/> otherwise).</summary>
    public async Task<StatusReply> StatusAsync(ClusterNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new Kv.KvClient(_channels[node.Id]);
        return await client.StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node's Status, or null when it does not answer in time (killed, paused, or not up yet).</summary>
    public Task<StatusReply?> TryStatusAsync(ClusterNode node, CancellationToken cancellationToken)
        => TryStatusAsync(node, _options.StatusTimeout, cancellationToken);

    /// <summary>The node's Status, or null when it does not answer within <paramref name="timeout"/>.</summary>
    public async Task<StatusReply?> TryStatusAsync(ClusterNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await StatusAsync(node, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The node that says it is leader in the highest term among those answering, or null. (A partitioned old leader may
    /// still believe it leads a lower term for an election timeout: the highest term wins.)
    /// </summary>
    public async Task<ClusterNode?> LeaderAsync(CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(_nodes.Select(n => TryStatusAsync(n, cancellationToken))).ConfigureAwait(false);
        var leader = statuses.Where(s => s?.Role == "leader").OrderByDescending(s => s!.Term).FirstOrDefault();
        return leader is null ? null : this[leader.Id];
    }

    /// <summary>A gRPC client of the node's KV service on the cluster's shared channel (owned by the cluster).</summary>
    public Kv.KvClient Client(ClusterNode node) => new(_channels[node.Id]);

    /// <summary>One workload endpoint per node, in node order, each with its own channel; the caller disposes them.</summary>
    public IReadOnlyList<GrpcKvEndpoint> CreateEndpoints(NodeChannelOptions? options = null)
        => _nodes.Select(n => GrpcKvEndpoint.Connect(n.ClientAddress, n.Id, options)).ToList();

    /// <summary>Writes every node's container log (stdout and stderr) to <c>DIR/ID.log</c>.</summary>
    public async Task CollectLogsAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var node in _nodes)
        {
            var text = await _engine.RunAsync(async (client, ct) =>
            {
                using var stream = await client.Containers.GetContainerLogsAsync(node.ContainerId, new ContainerLogsParameters
                {
                    ShowStdout = true,
                    ShowStderr = true,
                    Timestamps = true,
                }, ct).ConfigureAwait(false);
                var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
                return stderr.Length == 0 ? stdout : stdout + stderr;
            }, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, node.Id + ".log"), text, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the containers and the network of the run (also what a failed start left). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var channel in _channels.Values) channel.Dispose();
        await StopStrobesAsync().ConfigureAwait(false);
        // The reaper removes by label, so it also finds a container whose start failed half way.
        await new Reaper(_engine, _logger).ReapAsync(RunId, CancellationToken.None).ConfigureAwait(false);
        foreach (var container in _containers)
        {
            try
            {
                await container.DisposeAsync().ConfigureAwait(false);
            }
            catch (Docker.DotNet.DockerContainerNotFoundException)
            {
                // Reaped already: that is the goal.
            }
        }
        if (_ownsEngine) await _engine.DisposeAsync().ConfigureAwait(false);
    }

    // Host ports come from below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out for
    // outgoing connections or `bind(0)` could be taken again between our check and the engine's bind, which the
    // engine reports as "port is already allocated". A random start keeps concurrent clusters apart.
    private const int FirstHostPort = 20000;
    private const int HostPortCount = 12000;

    private static int FreeLoopbackPort()
    {
        var start = Random.Shared.Next(HostPortCount);
        for (var i = 0; i < HostPortCount; i++)
        {
            var port = FirstHostPort + ((start + i) % HostPortCount);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 in {FirstHostPort}-{FirstHostPort + HostPortCount - 1}");
    }
}
