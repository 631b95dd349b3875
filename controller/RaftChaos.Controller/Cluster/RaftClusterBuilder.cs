using Microsoft.Extensions.Logging;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// Builds a <see cref="ChaosCluster"/> in the shape of Testcontainers' builders: each <c>With…</c> returns a new
/// builder (this one is never changed, so a configured builder can be shared and varied), <see cref="Build"/> validates
/// everything once, and the cluster starts with <see cref="ChaosCluster.StartAsync"/>.
/// <code>
/// await using var cluster = new RaftClusterBuilder().WithNodes(3).WithNemesis(new NemesisOptions { Kinds = ["partition", "kill"] }).Build();
/// await cluster.StartAsync(ct);
/// var run = await cluster.RunWorkloadAsync(new WorkloadOptions(), TimeSpan.FromSeconds(20), ct);   // run.Verdict
/// </code>
/// </summary>
public sealed class RaftClusterBuilder
{
    private readonly ClusterOptions _cluster;
    private readonly NemesisOptions _nemesis;
    private readonly DockerEngineOptions? _engine;
    private readonly ILogger? _logger;

    /// <summary>A builder with the defaults: three nodes of our own node, no faults, seed 0.</summary>
    public RaftClusterBuilder()
        : this(new ClusterOptions(), new NemesisOptions(), null, null)
    {
    }

    private RaftClusterBuilder(ClusterOptions cluster, NemesisOptions nemesis, DockerEngineOptions? engine, ILogger? logger)
    {
        _cluster = cluster;
        _nemesis = nemesis;
        _engine = engine;
        _logger = logger;
    }

    /// <summary>The number of nodes, n1..nN, from 1 to 9. Default: 3.</summary>
    public RaftClusterBuilder WithNodes(int nodes) => new(_cluster with { Nodes = nodes }, _nemesis, _engine, _logger);

    /// <summary>The system under test (see docs/system-under-test.md). Default: our own node, <see cref="RaftChaosTarget"/>.</summary>
    public RaftClusterBuilder WithTarget(ISystemUnderTest target) => new(_cluster with { Target = target }, _nemesis, _engine, _logger);

    /// <summary>
    /// The faults <see cref="ChaosCluster.RunWorkloadAsync"/> injects while the workload runs (kinds, interval, hold).
    /// Default: none. Clock faults are prepared in the nodes only when a kind needs them.
    /// </summary>
    public RaftClusterBuilder WithNemesis(NemesisOptions nemesis) => new(_cluster, nemesis, _engine, _logger);

    /// <summary>The one seed every random choice derives from (operations, fault order, node coins). Default: 0.</summary>
    public RaftClusterBuilder WithSeed(int seed) => new(_cluster with { Seed = seed }, _nemesis, _engine, _logger);

    /// <summary>Any other cluster setting (timeouts, run id, helper image), applied to the options built so far.</summary>
    public RaftClusterBuilder WithOptions(Func<ClusterOptions, ClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return new(configure(_cluster), _nemesis, _engine, _logger);
    }

    /// <summary>How to reach the Docker engine. Default: DOCKER_HOST, else the local socket.</summary>
    public RaftClusterBuilder WithDockerEngine(DockerEngineOptions engine) => new(_cluster, _nemesis, engine, _logger);

    /// <summary>Where the cluster logs its steps (image build, start, faults). Default: nowhere.</summary>
    public RaftClusterBuilder WithLogger(ILogger logger) => new(_cluster, _nemesis, _engine, logger);

    /// <summary>
    /// Validates the configuration and returns the cluster, not yet started.
    /// </summary>
    /// <exception cref="ArgumentException">A setting cannot work; the message names it and says what is allowed.</exception>
    public ChaosCluster Build()
    {
        ArgumentNullException.ThrowIfNull(_nemesis, "nemesis");
        var cluster = _cluster with { ClockFaults = _cluster.ClockFaults && NemesisOptions.NeedsClockFaults(_nemesis.Kinds) };
        cluster.Validate();
        var errors = _nemesis.Validate().Concat(_nemesis.ValidateFor(cluster.Target)).ToList();
        if (errors.Count > 0) throw new ArgumentException("nemesis: " + string.Join("; ", errors), "nemesis");
        _engine?.Validate();
        return new ChaosCluster(cluster, _nemesis, _engine, _logger);
    }
}
