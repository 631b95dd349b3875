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
    public async Task<NodeProcess?> FindLeaderAsync(CancellationToken ct) => (await PollAsync(ct)).Leader;

    // One Status round over the running nodes: the leader with the highest term, and whether every one answered.
    private async Task<(NodeProcess? Leader, bool AllAnswered)> PollAsync(CancellationToken ct)
    {
        NodeProcess? leader = null;
        ulong term = 0;
        var allAnswered = true;
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
                allAnswered = false;
            }
        }
        return (leader, allAnswered);
    }

    /// <summary>
    /// Waits until a leader is elected and every running node answers Status: two nodes can elect a leader while the
    /// third is still starting, and a test that then talks to that third node would meet a refused connection.
    /// </summary>
    public async Task<NodeProcess> WaitForLeaderAsync(TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await PollAsync(ct) is ({ } leader, true))
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
