using RaftChaos.Controller.Cluster;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>Starts node-image clusters for the tests: the shared engine, a test run id (checked for leftovers at the end).</summary>
public static class ClusterFixture
{
    /// <summary>A started cluster of <paramref name="nodes"/> nodes; the test disposes it.</summary>
    public static Task<RaftCluster> StartAsync(int nodes, CancellationToken cancellationToken, IReadOnlyList<string>? unsafeSwitches = null)
    {
        var engine = DockerEnvironment.RequireEngine();
        return RaftCluster.StartAsync(new ClusterOptions
        {
            Nodes = nodes,
            RunId = DockerEnvironment.NewRunId(),
            Unsafe = unsafeSwitches ?? [],
        }, engine, null, cancellationToken);
    }
}
