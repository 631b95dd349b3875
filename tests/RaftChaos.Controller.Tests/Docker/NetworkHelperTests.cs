using System.Diagnostics;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Networking;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>
/// Partitions from a helper container in the node's network namespace: an image with no iptables at all, run without
/// NET_ADMIN, is cut off from a peer and healed, shown by what passes between the containers (ping and a TCP connect
/// from the nodes themselves, which never touch iptables).
/// </summary>
[TestFixture, Category("Docker")]
public sealed class NetworkHelperTests
{
    private readonly string _image = "raftchaos-test/no-iptables:" + RunLabels.NewRunId();
    private TestCluster _cluster = null!;
    private NetworkHelpers _helpers = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        DockerEnvironment.RequireEngine();
        // FROM the base image, with every iptables and xtables binary deleted: nothing inside can write a rule.
        var dockerfile = $"FROM {DockerEnvironment.BaseImage}\nRUN rm -f /usr/sbin/*tables* /usr/sbin/xtables* /usr/bin/*tables* && ! command -v iptables\n";
        await DockerAsync(["build", "--label", "raftchaos.test=no-iptables", "-t", _image, "-"], dockerfile);
        _cluster = await TestCluster.StartAsync(2, TestCluster.PongServer, null, _image, netAdmin: false, CancellationToken.None);
        _helpers = new NetworkHelpers(_cluster.Engine, _cluster.RunId, DockerEnvironment.BaseImage);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // The reaper removes the helpers too: they carry the run's label.
        if (_cluster is not null) await _cluster.DisposeAsync();
        await DockerAsync(["rmi", "-f", _image], null);
    }

    [Test]
    public async Task Isolate_ImageWithoutIptablesAndWithoutNetAdmin_IsCutOffFromItsPeer_AndHeals()
    {
        var ct = CancellationToken.None;
        var (n1, n2) = (_cluster.Nodes[0], _cluster.Nodes[1]);
        Assert.That((await _cluster.ShAsync(0, "command -v iptables", ct)).Succeeded, Is.False, "the node image has no iptables");
        Assert.That(await ReachesAsync(1, 0, ct), Is.True, "before: n2 reaches n1 (ping and TCP)");
        var helpers = new List<NodeTarget>();
        foreach (var node in _cluster.Nodes) helpers.Add(node with { ContainerId = (await _helpers.EnsureAsync(node.NodeId, node.ContainerId, ct))! });
        var partition = new IptablesPartition(_cluster.Engine, helpers);

        await partition.ApplyAsync(Grudges.Isolate(["n1", "n2"], "n1"), ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ReachesAsync(1, 0, ct), Is.False, "n2 -> n1 during the partition");
            Assert.That(await ReachesAsync(0, 1, ct), Is.False, "n1 -> n2 during the partition");
            Assert.That(await partition.ListDropRulesAsync(helpers[0], ct), Has.Count.EqualTo(1), "the rule, read back from n1's helper");
        });

        await partition.HealAsync(ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ReachesAsync(1, 0, ct), Is.True, "n2 -> n1 after the heal");
            Assert.That(await ReachesAsync(0, 1, ct), Is.True, "n1 -> n2 after the heal");
            Assert.That(await partition.ListDropRulesAsync(helpers[0], ct), Is.Empty);
        });
    }

    [Test]
    public async Task EnsureAsync_NodeStartedAgain_MakesAHelperInTheNewNamespace()
    {
        var ct = CancellationToken.None;
        var node = _cluster.Nodes[1];
        var first = await _helpers.EnsureAsync(node.NodeId, node.ContainerId, ct);
        Assert.That(await _helpers.EnsureAsync(node.NodeId, node.ContainerId, ct), Is.EqualTo(first), "same namespace, same helper");
        var kill = new ContainerKill(_cluster.Engine);

        await kill.KillAsync(node, ct);
        Assert.That(await _helpers.EnsureAsync(node.NodeId, node.ContainerId, ct), Is.Null, "a stopped node has no namespace");
        await kill.StartAsync(node, ct);
        var second = await _helpers.EnsureAsync(node.NodeId, node.ContainerId, ct);

        var addresses = await _cluster.Engine.ExecCheckedAsync(second!, ["ip", "-br", "-4", "addr"], ct);
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(addresses.Stdout, Does.Contain(node.Address.ToString()), "the new helper sees the node's address (a stale one sees only lo)");
        });
    }

    /// <summary>True when container <paramref name="from"/> gets a ping answer from <paramref name="to"/> and can connect to its port 5000.</summary>
    private async Task<bool> ReachesAsync(int from, int to, CancellationToken ct)
    {
        var address = _cluster.Nodes[to].Address;
        var ping = await _cluster.ShAsync(from, $"ping -c 1 -W 1 {address}", ct);
        var tcp = await _cluster.ShAsync(from, $"nc -z -w 1 {address} 5000", ct);
        Assert.That(ping.Succeeded, Is.EqualTo(tcp.Succeeded), $"ping and TCP agree ({from} -> {to})");
        return ping.Succeeded;
    }

    private static async Task DockerAsync(IReadOnlyList<string> args, string? stdin)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardInput = stdin is not null, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) Assert.Fail($"docker {string.Join(' ', args)} exited {process.ExitCode}: {error}{await output}");
    }
}
