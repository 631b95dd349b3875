using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Networking;
using RaftChaos.Controller.Targets;
using RaftChaos.Workloads.Clients;
using NodeStatus = RaftChaos.Controller.Targets.NodeStatus;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// A cluster of one system under test (<see cref="ClusterOptions.Target"/>, our own node by default) for one run or
/// one test: node containers built with Testcontainers on a private run network (node i at a fixed address, so a killed
/// node returns with the same address), every container labelled with the run id, clients on ports published on
/// the engine's host address (127.0.0.1 for a local engine), every fault of the bed at the cluster level (RaftCluster.Faults.cs). What runs in a container, how to
/// talk to it and how to read its status is the target's; network faults run from a helper container in each node's
/// network namespace (<see cref="NetworkHelpers"/>), so the node image needs no iptables and no NET_ADMIN.
/// A cluster may span engines (<see cref="ClusterOptions.Engines"/>): nodes are placed round-robin, each engine has its
/// own run network, peers reach each other at their engine's host address and published peer port, and every fault
/// acts on the engine that holds the node (docs/multi-engine.md).
/// <code>
/// await using var cluster = await RaftCluster.StartAsync(new ClusterOptions { Nodes = 3 }, ct);
/// var leader = await cluster.LeaderAsync(ct);
/// await cluster.PartitionAsync(Grudges.Isolate(cluster.NodeIds, leader!), ct);
/// await cluster.HealAsync(ct);
/// </code>
/// Disposing removes the containers (helpers included) and the network (idempotent; also when starting fails).
/// </summary>
public sealed partial class RaftCluster : IAsyncDisposable, IFaultableCluster
{
    private readonly ClusterOptions _options;
    private readonly DockerEngine _engine;
    private readonly IReadOnlyList<EngineSite> _sites;
    private readonly Dictionary<string, EngineSite> _siteOf = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly List<IContainer> _containers = [];
    private readonly List<ClusterNode> _nodes = [];
    private readonly Dictionary<string, INodeStatusProbe> _probes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FailpointSwitch> _failpoints = new(StringComparer.Ordinal);
    private int _disposed;

    private RaftCluster(ClusterOptions options, IReadOnlyList<(DockerEngine Engine, bool Owns)> engines, string runId, string image, ILogger logger)
    {
        _options = options;
        _sites = [.. engines.Select(e => new EngineSite(e.Engine, e.Owns, runId, options, logger))];
        _engine = _sites[0].Engine;
        RunId = runId;
        Image = image;
        _logger = logger;
    }

    /// <summary>The run id on every container and the network.</summary>
    public string RunId { get; }

    /// <summary>The node image the containers run.</summary>
    public string Image { get; }

    /// <summary>The system under test.</summary>
    public ISystemUnderTest Target => _options.Target;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => _options.Target.Capabilities;

    /// <summary>The engine connection (on a cluster that spans engines, the first engine's).</summary>
    public DockerEngine Engine => _engine;

    /// <summary>Every engine of the cluster, the first being <see cref="Engine"/>'s; one unless the cluster spans engines.</summary>
    public IReadOnlyList<EngineEndpoint> Engines => [.. _sites.Select(s => s.Engine.Endpoint)];

    /// <summary>True when the nodes are spread over several engines.</summary>
    public bool SpansEngines => _sites.Count > 1;

    /// <summary>The run network (null only while starting); on a cluster that spans engines, the first engine's.</summary>
    public RunNetwork Network => _sites[0].Network;

    /// <summary>The connection to the engine that holds node <paramref name="nodeId"/>.</summary>
    public DockerEngine EngineOf(string nodeId) => SiteOf(nodeId).Engine;

    /// <summary>The nodes, n1..nN in order.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <inheritdoc />
    public IReadOnlyList<string> NodeIds => _nodes.Select(n => n.Id).ToList();

    /// <summary>How long the start took: image check, containers, until every node answered (and knew one leader).</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>The node with id <paramref name="id"/>.</summary>
    public ClusterNode this[string id] => _nodes.FirstOrDefault(n => n.Id == id) ?? throw new KeyNotFoundException($"no node {id} in run {RunId}");

    /// <summary>Starts a cluster of <paramref name="nodes"/> nodes of our own node with default options.</summary>
    public static Task<RaftCluster> StartAsync(int nodes, CancellationToken cancellationToken)
        => StartAsync(new ClusterOptions { Nodes = nodes }, null, null, cancellationToken);

    /// <summary>Starts a cluster, connecting to the engine itself.</summary>
    public static Task<RaftCluster> StartAsync(ClusterOptions? options, CancellationToken cancellationToken)
        => StartAsync(options, null, null, cancellationToken);

    /// <summary>
    /// Starts a cluster: ensures the target's image (shipped to every engine that lacks it), reaps runs of crashed
    /// controllers (on every engine of the cluster), creates the network(s), the node containers and their network
    /// helpers, and waits until every node answers its status call and, when the target discovers leaders, one leader is
    /// elected that every node names. <paramref name="engine"/>, when given, is the cluster's first engine (the caller
    /// keeps it); a cluster that spans engines connects to the others itself.
    /// </summary>
    /// <exception cref="DockerUnavailableException">No engine answers (its message says how to start one).</exception>
    public static async Task<RaftCluster> StartAsync(ClusterOptions? options, DockerEngine? engine, ILogger? logger, CancellationToken cancellationToken)
    {
        options ??= new ClusterOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ownsEngine = engine is null;
        engine ??= await DockerEngine.ConnectAsync(options.MainEngine is { } main ? new DockerEngineOptions { Endpoint = main } : null, logger, cancellationToken).ConfigureAwait(false);
        var engines = new List<(DockerEngine Engine, bool Owns)> { (engine, ownsEngine) };
        RaftCluster? cluster = null;
        try
        {
            if (options.SpansEngines)
            {
                if (engine.Endpoint != options.Engines[0])
                    throw new ArgumentException($"the engine connection is to {engine.Endpoint}, but the cluster's first engine is {options.Engines[0]}", nameof(engine));
                foreach (var other in options.Engines.Skip(1))
                {
                    engines.Add((await DockerEngine.ConnectToAsync(other, logger, cancellationToken).ConfigureAwait(false), true));
                }
            }
            var runId = options.RunId ?? RunLabels.NewRunId();
            var image = await options.Target.EnsureImageAsync(line => Log.ImageStep(logger, line, null), cancellationToken).ConfigureAwait(false);
            foreach (var (each, _) in engines)
            {
                // The helper runs on the node's engine, so every engine needs the helper image as well as the node image.
                await ShipImagesAsync(each, [image, options.NetworkHelperImage], logger, cancellationToken).ConfigureAwait(false);
                await RequireHelperImageAsync(each, options.NetworkHelperImage, cancellationToken).ConfigureAwait(false);
                // On every engine: a crashed controller's spanning run left containers and a network on each.
                if (options.ReapStaleRuns)
                {
                    var reaped = await new StaleRunReaper(each, logger).ReapAsync(runId, cancellationToken).ConfigureAwait(false);
                    if (reaped.Count > 0) Log.StaleRunsReaped(logger, string.Join(", ", reaped), null);
                }
            }
            cluster = new RaftCluster(options, engines, runId, image, logger);
            await cluster.CreateAsync(cancellationToken).ConfigureAwait(false);
            await cluster.WaitForLeaderAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            cluster.StartDuration = clock.Elapsed;
            Log.ClusterReady(logger, runId, options.Nodes, clock.Elapsed.TotalSeconds, null);
            return cluster;
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                foreach (var (connected, owns) in engines.Where(e => e.Owns)) await connected.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>
    /// Images are built on the engine the environment names (where the image build and its <c>docker</c> commands run);
    /// a cluster on another engine gets what it lacks shipped from there through the API.
    /// </summary>
    private static async Task ShipImagesAsync(DockerEngine engine, IReadOnlyList<string> images, ILogger logger, CancellationToken cancellationToken)
    {
        var buildEndpoint = EngineEndpoint.FromEnvironment();
        if (engine.Endpoint == buildEndpoint) return;
        await using var build = await DockerEngine.ConnectToAsync(buildEndpoint, logger, cancellationToken).ConfigureAwait(false);
        await ImageShipping.EnsureAsync(build, engine, images, line => Log.ImageStep(logger, line, null), cancellationToken).ConfigureAwait(false);
    }

    private static async Task RequireHelperImageAsync(DockerEngine engine, string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.RunAsync((c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            throw new InvalidOperationException($"the network helper image {image} is missing; build it with: sudo bash compose/build-base.sh");
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await CreateNetworksAsync(cancellationToken).ConfigureAwait(false);
        var slots = Enumerable.Range(0, _options.Nodes).Select(i => new NodeSlot($"n{i + 1}", i)).ToList();
        // Round-robin: n1 on the first engine, n2 on the second, ... (one site: all on it).
        foreach (var slot in slots) _siteOf[slot.Id] = _sites[slot.Index % _sites.Count];
        var clientPort = _options.Target.ClientPort;
        // A spanning cluster publishes the peer port too (for our node it is the client port: one listener).
        var peerPort = SpansEngines ? _options.Target.PeerPort!.Value : (int?)null;
        var takenPorts = new HashSet<int>();
        var hostPorts = slots.ToDictionary(s => s.Id, s =>
        {
            var site = _siteOf[s.Id];
            // A fixed host port (instead of letting the engine choose) survives a kill and restart, so clients keep it.
            var client = HostPort(site, takenPorts);
            var peer = peerPort is { } p && p != clientPort ? HostPort(site, takenPorts) : client;
            return (Client: client, Peer: peer);
        }, StringComparer.Ordinal);
        IReadOnlyList<IPEndPoint>? publishedPeers = SpansEngines
            ? [.. slots.Select(s => new IPEndPoint(_siteOf[s.Id].PeerHost!, hostPorts[s.Id].Peer))]
            : null;
        var layout = new ClusterLayout(RunId, [.. slots.Select(s => (s, _siteOf[s.Id].Network.AddressOf(s.Index)))], Image, _options.Seed,
            _options.EffectiveClockFaults ? _options.Faketime : null, publishedPeers);
        var planned = new List<(ClusterNode Node, IContainer Container)>();
        foreach (var slot in slots)
        {
            var site = _siteOf[slot.Id];
            var network = site.Network;
            var spec = _options.Target.NodeContainer(slot, layout);
            var (hostPort, hostPeerPort) = hostPorts[slot.Id];
            var name = $"raftchaos-{RunId}-{slot.Id}";
            var bindings = new Dictionary<string, IList<PortBinding>>
            {
                // A local engine publishes on loopback only (nothing else sees the nodes), or on the peer host address
                // when the cluster spans engines; a remote one on its host's interfaces, where this controller reaches them.
                [$"{clientPort}/tcp"] = [new PortBinding { HostIP = site.PublishAddress, HostPort = hostPort.ToString(CultureInfo.InvariantCulture) }],
            };
            if (peerPort is { } inside && inside != clientPort)
            {
                bindings[$"{inside}/tcp"] = [new PortBinding { HostIP = site.PublishAddress, HostPort = hostPeerPort.ToString(CultureInfo.InvariantCulture) }];
            }
            var builder = new ContainerBuilder(spec.Image)
                .WithDockerEndpoint(site.Engine.TestcontainersEndpoint)
                .WithCleanUp(false)
                .WithImagePullPolicy(PullPolicy.Never)
                .WithLogger(_logger)
                .WithName(name)
                .WithLabel(RunLabels.Run, RunId)
                .WithLabel(RunLabels.Node, slot.Id)
                .WithLabel(RunLabels.Role, RunLabels.NodeRole)
                .WithLabel(RunOwner.Label, RunOwner.Current.ToString())
                .WithCommand([.. spec.Command])
                .WithCreateParameterModifier(p =>
                {
                    // No NET_ADMIN: partitions are applied by the node's network helper, not inside the node.
                    if (spec.RestartOnFailure) p.HostConfig!.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure };
                    if (spec.Init) p.HostConfig!.Init = true;
                    // An anonymous volume, removed with the container: kept across a kill, gone with the run.
                    p.Volumes = new Dictionary<string, EmptyStruct> { [spec.DataDirectory] = default };
                    p.ExposedPorts = bindings.Keys.ToDictionary(k => k, _ => default(EmptyStruct));
                    p.HostConfig!.PortBindings = bindings;
                    p.HostConfig.NetworkMode = network.Name;
                    p.NetworkingConfig = new NetworkingConfig
                    {
                        EndpointsConfig = new Dictionary<string, EndpointSettings> { [network.Name] = network.EndpointFor(slot.Index, slot.Id, name) },
                    };
                });
            if (spec.Entrypoint is { } entrypoint) builder = builder.WithEntrypoint([.. entrypoint]);
            foreach (var (key, value) in spec.Environment) builder = builder.WithEnvironment(key, value);
            if (spec.Failpoints is { } failpoints) _failpoints[slot.Id] = failpoints;
            if (spec.RestartProcess is { } restart) _processRestarts[slot.Id] = restart;
            if (spec.DiskFaultFile is { } diskFaultFile) _diskFaultFiles[slot.Id] = diskFaultFile;
            _dataDirectories[slot.Id] = spec.DataDirectory;
            var container = builder.Build();
            _containers.Add(container);
            var clientAddress = new UriBuilder("http", site.ClientHost, hostPort).Uri;
            planned.Add((new ClusterNode(slot.Id, slot.Index, "", name, network.AddressOf(slot.Index), clientAddress,
                publishedPeers?[slot.Index], site.Engine.Endpoint), container));
        }
        if (SpansEngines)
        {
            foreach (var (node, _) in planned) Log.NodePlaced(_logger, node.Id, node.Engine!.Name, node.PublishedPeer!.ToString(), null);
        }
        // Started together: the election can begin as soon as a majority is up, and it saves ~0.4 s a node.
        await Task.WhenAll(planned.Select(p => p.Container.StartAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var (node, container) in planned)
        {
            var started = node with { ContainerId = container.Id };
            _nodes.Add(started);
            _probes[started.Id] = _options.Target.CreateStatusProbe(started.Slot, started.ClientAddress);
            if (_options.Target.CreateMembership(started.Slot, started.ClientAddress) is { } membership) _memberships[started.Id] = membership;
        }
        // Made now, while the nodes elect, so the first partition does not wait for them.
        await Task.WhenAll(_nodes.Select(n => NetworkHelperAsync(n.Id, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// One run network per engine. On a cluster that spans engines each avoids every subnet the cluster's engines use
    /// (their bridges share this host's routing table when the engines share the host), and each engine's peer host
    /// address is resolved.
    /// </summary>
    private async Task CreateNetworksAsync(CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (SpansEngines)
        {
            foreach (var site in _sites) taken.UnionWith(await RunNetwork.SubnetsAsync(site.Engine, cancellationToken).ConfigureAwait(false));
        }
        foreach (var site in _sites)
        {
            site.Network = await RunNetwork.CreateAsync(site.Engine, RunId, new RunNetworkOptions { TakenSubnets = taken }, _logger, cancellationToken).ConfigureAwait(false);
            taken.Add(site.Network.Subnet);
            if (SpansEngines) site.PeerHost = await PeerHost.ResolveAsync(site.Engine.Endpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until every node that is not killed or paused answers its status call and, when the target discovers
    /// leaders, one of them leads, has committed an entry, and all of them name it; returns the leader (null without leader discovery). Throws
    /// <see cref="TimeoutException"/> with every node's last status otherwise.
    /// </summary>
    public async Task<string?> WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var discovers = Capabilities.HasFlag(TargetCapabilities.LeaderDiscovery);
        while (true)
        {
            var live = LiveNodes();
            var statuses = await Task.WhenAll(live.Select(n => TryStatusAsync(n.Id, cancellationToken))).ConfigureAwait(false);
            if (!discovers && statuses.All(s => s is not null)) return null;
            var leader = statuses.Where(s => s is { IsLeader: true }).OrderByDescending(s => s!.Term).FirstOrDefault();
            // And the leader has committed an entry: a fresh leader's first entry (its no-op) is then past its disk and a
            // majority, so a fault armed right after the start (a failpoint) meets a cluster that has served once.
            if (leader is not null && leader.CommitIndex > 0 && statuses.All(s => s?.LeaderId == leader.Id)) return leader.Id;
            if (DateTime.UtcNow > deadline)
            {
                var last = string.Join("; ", live.Zip(statuses, (n, s) => s is null ? $"{n.Id}: no answer"
                    : $"{n.Id}: {(s.IsLeader ? "leader" : "not leader")} term {s.Term} leader '{s.LeaderId}'"));
                throw new TimeoutException(discovers
                    ? $"no leader known to every node of run {RunId} within {timeout.TotalSeconds:F0} s ({last})"
                    : $"not every node of run {RunId} answered within {timeout.TotalSeconds:F0} s ({last})");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The node's status, or null when it does not answer within the status timeout (killed, paused, or not up yet).</summary>
    public Task<NodeStatus?> TryStatusAsync(string nodeId, CancellationToken cancellationToken)
        => TryStatusAsync(nodeId, _options.StatusTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<NodeStatus?> TryStatusAsync(string nodeId, TimeSpan timeout, CancellationToken cancellationToken)
        => _probes.TryGetValue(nodeId, out var probe) ? probe.StatusAsync(timeout, cancellationToken) : throw new KeyNotFoundException($"no node {nodeId} in run {RunId}");

    /// <inheritdoc />
    public async Task<string?> LeaderAsync(CancellationToken cancellationToken)
    {
        if (!Capabilities.HasFlag(TargetCapabilities.LeaderDiscovery)) return null;
        var statuses = await Task.WhenAll(_nodes.Select(n => TryStatusAsync(n.Id, cancellationToken))).ConfigureAwait(false);
        return statuses.Where(s => s is { IsLeader: true }).OrderByDescending(s => s!.Term).FirstOrDefault()?.Id;
    }

    /// <summary>One workload client per node, in node order, made by the target; the caller disposes those that are <see cref="IDisposable"/>.</summary>
    public IReadOnlyList<IKvEndpoint> CreateEndpoints()
        => _nodes.Select(n => _options.Target.CreateClient(n.Slot, n.ClientAddress)).ToList();

    /// <summary>Writes every node's container log (stdout and stderr) to <c>DIR/ID.log</c>.</summary>
    public async Task CollectLogsAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var node in _nodes)
        {
            var text = await SiteOf(node.Id).Engine.RunAsync(async (client, ct) =>
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

    /// <summary>Removes the containers (network helpers included) and the network(s) of the run, on every engine of the cluster (also what a failed start left). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var probe in _probes.Values) probe.Dispose();
        foreach (var membership in _memberships.Values) membership.Dispose();
        await StopStrobesAsync().ConfigureAwait(false);
        // The reaper removes by label, so it also finds a container whose start failed half way, and the helpers.
        foreach (var site in _sites) await new Reaper(site.Engine, _logger).ReapAsync(RunId, CancellationToken.None).ConfigureAwait(false);
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
        foreach (var site in _sites.Where(s => s.OwnsEngine)) await site.Engine.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The site of the engine that holds <paramref name="nodeId"/>.</summary>
    private EngineSite SiteOf(string nodeId)
        => _siteOf.TryGetValue(nodeId, out var site) ? site : throw new KeyNotFoundException($"no node {nodeId} in run {RunId}");

    // Host ports come from below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out for
    // outgoing connections or `bind(0)` could be taken again between our check and the engine's bind, which the
    // engine reports as "port is already allocated". A random start keeps concurrent clusters apart.
    private const int FirstHostPort = 20000;
    private const int HostPortCount = 12000;

    // A local engine's ports are checked free here (on the address they will be published on); a remote engine's cannot
    // be, so a random one of the range is taken there (a clash is the engine's "port is already allocated" error, rare
    // with 12,000 ports and a few nodes). Ports already given to this cluster's nodes are skipped: a checked port is free
    // again the moment the check lets it go.
    private static int HostPort(EngineSite site, ISet<int> taken)
    {
        var local = site.Engine.Endpoint.IsLocal;
        var bindAddress = IPAddress.Parse(site.PublishAddress);
        var start = Random.Shared.Next(HostPortCount);
        for (var i = 0; i < HostPortCount; i++)
        {
            var port = FirstHostPort + ((start + i) % HostPortCount);
            if (taken.Contains(port) || local && !IsFree(bindAddress, port)) continue;
            taken.Add(port);
            return port;
        }

        throw new InvalidOperationException($"no free port on {bindAddress} in {FirstHostPort}-{FirstHostPort + HostPortCount - 1}");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
