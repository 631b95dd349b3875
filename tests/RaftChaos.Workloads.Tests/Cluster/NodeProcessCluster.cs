using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Workloads.Tests.Cluster;

/// <summary>
/// N node processes (<c>dotnet RaftChaos.Node.dll</c>) on loopback ports, each with its own data directory, killed
/// and removed on dispose. The node's build output is copied beside the tests by a project reference.
/// </summary>
internal sealed class NodeProcessCluster : IDisposable
{
    private readonly string root;
    private readonly List<(string Id, int Port, Process Process, ConcurrentQueue<string> Output)> nodes = [];

    private NodeProcessCluster(string root) => this.root = root;

    public static string NodeDll => Path.Combine(AppContext.BaseDirectory, "RaftChaos.Node.dll");

    public IReadOnlyList<string> Ids => nodes.Select(n => n.Id).ToArray();

    /// <summary>For a test's SetUp: ignores the test when the node build is not beside the tests.</summary>
    public static void IgnoreUnlessBuilt()
    {
        if (!File.Exists(NodeDll))
        {
            Assert.Ignore($"the node build is not available ({NodeDll} is missing); build RaftChaos.sln to run the cluster tests");
        }
    }

    public static NodeProcessCluster Start(int size)
    {
        var cluster = new NodeProcessCluster(Directory.CreateTempSubdirectory("raftchaos-workloads-").FullName);
        var ports = Enumerable.Range(0, size).Select(_ => FreePort()).ToList();
        var peers = string.Join(",", ports.Select((port, i) => $"n{i + 1}=127.0.0.1:{port}"));
        for (var i = 0; i < size; i++)
        {
            var id = $"n{i + 1}";
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[NodeDll, "--id", id, "--peers", peers, "--listen", $"127.0.0.1:{ports[i]}", "--data-dir", Path.Combine(cluster.root, id)])
            {
                info.ArgumentList.Add(arg);
            }

            var output = new ConcurrentQueue<string>();
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            cluster.nodes.Add((id, ports[i], process, output));
        }

        return cluster;
    }

    /// <summary>One gRPC endpoint per node, in node order; the caller disposes them.</summary>
    public List<GrpcKvEndpoint> Endpoints() =>
        nodes.Select(n => GrpcKvEndpoint.Connect(new NodeAddress("127.0.0.1", n.Port), n.Id)).ToList();

    /// <summary>The id of the node that says it leads, once one does.</summary>
    public async Task<string> WaitForLeaderAsync(TimeSpan patience, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            foreach (var node in nodes.Where(n => !n.Process.HasExited))
            {
                using var channel = NodeChannels.Create(new NodeAddress("127.0.0.1", node.Port));
                try
                {
                    var status = await new Kv.KvClient(channel).StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: ct);
                    if (status.Role == "leader")
                    {
                        return status.Id;
                    }
                }
                catch (RpcException)
                {
                    // Not listening yet.
                }
            }

            await Task.Delay(50, ct);
        }

        Assert.Fail($"no leader within {patience.TotalSeconds} s{Environment.NewLine}{Logs()}");
        throw new InvalidOperationException("unreachable");
    }

    public void Kill(string id)
    {
        var node = nodes.Single(n => n.Id == id);
        node.Process.Kill(entireProcessTree: true);
        node.Process.WaitForExit();
    }

    /// <summary>SIGSTOP (<paramref name="pause"/>) or SIGCONT: a frozen node still accepts connections but answers nothing.</summary>
    public void Signal(string id, bool pause)
    {
        var node = nodes.Single(n => n.Id == id);
        using var kill = Process.Start("kill", [pause ? "-STOP" : "-CONT", node.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Every line node <paramref name="id"/> wrote so far.</summary>
    public IReadOnlyList<string> Output(string id) => nodes.Single(n => n.Id == id).Output.ToArray();

    public string Logs() => string.Join(Environment.NewLine, nodes.Select(n => $"===== {n.Id}{Environment.NewLine}{string.Join(Environment.NewLine, n.Output.TakeLast(40))}"));

    public void Dispose()
    {
        foreach (var node in nodes)
        {
            if (!node.Process.HasExited)
            {
                node.Process.Kill(entireProcessTree: true);
                node.Process.WaitForExit();
            }

            node.Process.Dispose();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp cleaner will get it.
        }
    }

    private static int FreePort() => RaftChaos.TestSupport.LoopbackPorts.Next();
}
