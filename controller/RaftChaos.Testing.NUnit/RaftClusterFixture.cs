using NUnit.Framework;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Testing.NUnit;

/// <summary>
/// A base class for NUnit fixtures that share one cluster: it is built from <see cref="Configure"/> and started before the
/// fixture's first test, and removed (containers and network) after its last, also when a test failed.
/// <code>
/// public sealed class RegisterTests : RaftClusterFixture
/// {
///     protected override RaftClusterBuilder Configure(RaftClusterBuilder builder)
///         => builder.WithNodes(3).WithNemesis(new NemesisOptions { Kinds = ["partition", "kill"] });
///
///     [Test]
///     public async Task Register_UnderFaults_IsLinearizable()
///     {
///         var run = await Cluster.RunWorkloadAsync(new WorkloadOptions(), TimeSpan.FromSeconds(20), CancellationToken.None);
///         Assert.That(run.Verdict, Is.EqualTo(Verdict.Valid));
///     }
/// }
/// </code>
/// Without a Docker engine the fixture's tests are ignored with the engine's message (how to start one), unless the
/// environment variable <c>RAFTCHAOS_REQUIRE_DOCKER</c> is <c>1</c> (CI), where they fail.
/// </summary>
public abstract class RaftClusterFixture
{
    private ChaosCluster? _cluster;

    /// <summary>The fixture's cluster, started.</summary>
    protected ChaosCluster Cluster => _cluster ?? throw new InvalidOperationException("the fixture's cluster is not started (OneTimeSetUp did not run)");

    /// <summary>Configures the fixture's cluster. Default: the builder's defaults (three nodes of our node, no faults).</summary>
    protected virtual RaftClusterBuilder Configure(RaftClusterBuilder builder) => builder;

    /// <summary>Builds and starts the cluster before the fixture's first test.</summary>
    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _cluster = Configure(new RaftClusterBuilder()).Build();
        try
        {
            await _cluster.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerUnavailableException ex) when (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_DOCKER") != "1")
        {
            Assert.Ignore(ex.Message);
        }
    }

    /// <summary>Removes the cluster after the fixture's last test.</summary>
    [OneTimeTearDown]
    public async Task RemoveClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
