using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>N node processes on loopback ports with their own data directories, removed on dispose.</summary>
internal sealed class LocalCluster : IDisposable
{
    private readonly string _root;

    private LocalCluster(string root, List<NodeProcess> nodes)
    {
        _root = root;
        Nodes = nodes;
    }

    public IReadOnlyList<NodeProcess> Nodes { get; }

    public static LocalCluster Start(int size, params string[] extraArgs)
    {
        var root = Directory.CreateTempSubdirectory("raftchaos-cluster-").FullName;
        var ports = Enumerable.Range(0, size).Select(_ => FreePort.Next()).ToList();
        var peers = string.Join(",", ports.Select((port, i) => $"n{i + 1}=127.0.0.1:{port}"));
        var nodes = ports.Select((port, i) => new NodeProcess($"n{i + 1}", port, Path.Combine(root, $"n{i + 1}"), peers, extraArgs)).ToList();
        foreach (var node in nodes)
        {
            node.Start();
        }
        return new LocalCluster(root, nodes);
    }

    /// <summary>The node that reports itself leader with the highest term among running nodes, or null.</summary>
    public async Task<NodeProcess?> FindLeaderAsync(CancellationToken ct)
    {
        NodeProcess? leader = null;
        ulong term = 0;
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            try
            {
                var status = await node.Client.StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: ct);
                if (status.Role == "leader" && status.Term >= term)
                {
                    (leader, term) = (node, status.Term);
                }
            }
            catch (RpcException)
            {
                // Not up yet, or just killed.
            }
        }
        return leader;
    }

    public async Task<NodeProcess> WaitForLeaderAsync(TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await FindLeaderAsync(ct) is { } leader)
            {
                return leader;
            }
            await Task.Delay(20, ct);
        }
        Assert.Fail($"no leader within {timeout.TotalSeconds} s{Environment.NewLine}{Logs()}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Every node's log, for a failure message.</summary>
    public string Logs() => string.Join(Environment.NewLine, Nodes.Select(n => $"===== {n.Id}{Environment.NewLine}{n.Output}"));

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed by a dying process; the OS temp cleaner will get it.
        }
    }
}
