using System.Diagnostics;
using Grpc.Core;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;
using RaftChaos.Raft;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>Starts node-image clusters for the tests: the shared engine, a test run id (checked for leftovers at the end).</summary>
public static class ClusterFixture
{
    private static readonly Lazy<Task<string>> Image = new(() => NodeImage.EnsureAsync(null, line => TestContext.Progress.WriteLine("[image] " + line), CancellationToken.None));

    /// <summary>
    /// The node image of the current sources, built once per test run outside any test's time limit (a changed node/
    /// tree costs a publish and a build, about a minute; .ci/run builds it before the tests).
    /// </summary>
    public static Task<string> ImageAsync() => Image.Value;

    /// <summary>Our node as the target, on the image of the current sources, with the given bug switches and failpoint.</summary>
    public static async Task<RaftChaosTarget> TargetAsync(IReadOnlyList<string>? unsafeSwitches = null, string? failpoint = null) => new(new RaftChaosTargetOptions
    {
        Image = await ImageAsync(),
        Unsafe = UnsafeBugNames.Parse(string.Join(",", unsafeSwitches ?? [])),
        Failpoint = failpoint is null ? null : FailpointSpec.TryParse(failpoint, out var spec, out var error) ? spec : throw new ArgumentException(error),
    });

    /// <summary>A token cancelled after <paramref name="seconds"/>: the time limit of one Docker test.</summary>
    public static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>A started cluster of <paramref name="nodes"/> nodes; the test disposes it.</summary>
    public static async Task<RaftCluster> StartAsync(int nodes, CancellationToken cancellationToken, IReadOnlyList<string>? unsafeSwitches = null, string? failpoint = null)
    {
        var engine = DockerEnvironment.RequireEngine();
        return await RaftCluster.StartAsync(new ClusterOptions
        {
            Nodes = nodes,
            RunId = DockerEnvironment.NewRunId(),
            Target = await TargetAsync(unsafeSwitches, failpoint),
            Seed = 7,
        }, engine, null, cancellationToken);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (a node not answering yet counts as none) or <paramref name="timeout"/> passes.</summary>
    public static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var value = await probe();
                if (value is not null) return value;
            }
            catch (RpcException)
            {
                // not answering yet
            }
            if (deadline.Elapsed > timeout) return default;
            await Task.Delay(200, ct);
        }
    }

    /// <summary>One node's log as the cluster collects it (the container's output), read from a temporary folder removed after.</summary>
    public static async Task<string> LogOfAsync(RaftCluster cluster, string nodeId, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("raftchaos-node-logs-").FullName;
        try
        {
            await cluster.CollectLogsAsync(directory, ct);
            return await File.ReadAllTextAsync(Path.Combine(directory, nodeId + ".log"), ct);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
