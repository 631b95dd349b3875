using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Networking;
using ExecResult = RaftChaos.Controller.Engine.ExecResult;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>
/// Stand-in node containers from the base image (the node server does not exist yet): Testcontainers-built, labelled,
/// on a run network with fixed addresses, NET_ADMIN unless asked not to, optionally a client port published on 127.0.0.1.
/// Disposing reaps everything of the run.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>The container port the stand-in "client service" listens on.</summary>
    public const int ClientPort = 5000;

    /// <summary>A stand-in client service (netcat-openbsd): answers "pong" to every connection on <see cref="ClientPort"/>.</summary>
    public const string PongServer = "while true; do echo pong | nc -N -l 5000; done";

    private readonly List<IContainer> _containers = [];

    private TestCluster(DockerEngine engine, string runId, RunNetwork network)
    {
        Engine = engine;
        RunId = runId;
        Network = network;
    }

    public DockerEngine Engine { get; }
    public string RunId { get; }
    public RunNetwork Network { get; }
    public List<NodeTarget> Nodes { get; } = [];

    /// <summary>The host port (on 127.0.0.1) that reaches node i's <see cref="ClientPort"/>.</summary>
    public int ClientPortOf(int index) => _containers[index].GetMappedPublicPort(ClientPort);

    /// <summary>Starts <paramref name="count"/> containers running <paramref name="script"/> under bash.</summary>
    public static Task<TestCluster> StartAsync(int count, string script, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
        => StartAsync(count, script, environment, DockerEnvironment.BaseImage, netAdmin: true, cancellationToken);

    /// <summary>
    /// Starts <paramref name="count"/> containers of <paramref name="image"/> running <paramref name="script"/> under bash,
    /// with NET_ADMIN or without it (as node containers are now: their network faults come from a helper).
    /// </summary>
    public static async Task<TestCluster> StartAsync(int count, string script, IReadOnlyDictionary<string, string>? environment, string image, bool netAdmin, CancellationToken cancellationToken)
    {
        var engine = DockerEnvironment.RequireEngine();
        var runId = DockerEnvironment.NewRunId();
        var network = await RunNetwork.CreateAsync(engine, runId, null, null, cancellationToken);
        var cluster = new TestCluster(engine, runId, network);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var nodeId = $"n{i + 1}";
                var name = $"raftchaos-{runId}-{nodeId}";
                var index = i;
                var builder = new ContainerBuilder(image)
                    .WithDockerEndpoint(engine.TestcontainersEndpoint)
                    .WithCleanUp(false)
                    .WithImagePullPolicy(PullPolicy.Never)
                    .WithName(name)
                    .WithLabel(RunLabels.Run, runId)
                    .WithLabel(RunLabels.Node, nodeId)
                    .WithEntrypoint("bash", "-c")
                    .WithCommand(script)
                    .WithCreateParameterModifier(p =>
                    {
                        if (netAdmin) p.HostConfig!.CapAdd = ["NET_ADMIN"];
                        // Published on loopback only: clients reach nodes through 127.0.0.1, nothing else.
                        p.ExposedPorts = new Dictionary<string, EmptyStruct> { [$"{ClientPort}/tcp"] = default };
                        p.HostConfig!.PortBindings = new Dictionary<string, IList<PortBinding>>
                        {
                            [$"{ClientPort}/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }],
                        };
                        p.HostConfig.NetworkMode = network.Name;
                        p.NetworkingConfig = new NetworkingConfig
                        {
                            EndpointsConfig = new Dictionary<string, EndpointSettings> { [network.Name] = network.EndpointFor(index, nodeId) },
                        };
                    });
                foreach (var (k, v) in environment ?? new Dictionary<string, string>()) builder = builder.WithEnvironment(k, v);
                var container = builder.Build();
                cluster._containers.Add(container);
                await container.StartAsync(cancellationToken);
                cluster.Nodes.Add(new NodeTarget(nodeId, container.Id, network.AddressOf(index)));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a shell command in node i and returns the result.</summary>
    public Task<ExecResult> ShAsync(int index, string command, CancellationToken cancellationToken)
        => Engine.ExecAsync(Nodes[index].ContainerId, ["sh", "-c", command], cancellationToken);

    /// <summary>True when node <paramref name="from"/> gets an answer to one ping of node <paramref name="to"/>.</summary>
    public async Task<bool> CanPingAsync(int from, int to, CancellationToken cancellationToken)
        => (await ShAsync(from, $"ping -c 1 -W 1 {Nodes[to].Address}", cancellationToken)).Succeeded;

    public async ValueTask DisposeAsync()
    {
        // Testcontainers would remove its containers, but the reaper is what runs after a crash, so use it here too.
        await new Reaper(Engine).ReapAsync(RunId, CancellationToken.None);
        foreach (var c in _containers)
        {
            try { await c.DisposeAsync(); }
            catch (global::Docker.DotNet.DockerContainerNotFoundException) { /* already reaped */ }
        }
    }
}
