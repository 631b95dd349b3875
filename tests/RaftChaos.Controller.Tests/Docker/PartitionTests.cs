using System.Net.Sockets;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>IptablesPartition against real containers: the cut takes effect, spares the published client port, and heals.</summary>
[TestFixture, Category("Docker")]
public sealed class PartitionTests
{
    private TestCluster _cluster = null!;
    private IptablesPartition _partition = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await TestCluster.StartAsync(3, TestCluster.PongServer, null, CancellationToken.None);
        _partition = new IptablesPartition(_cluster.Engine, _cluster.Nodes);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Test]
    public async Task Isolate_CutsNodeFromPeers_SparesClientPort_AndHeals()
    {
        var ct = CancellationToken.None;
        Assert.That(await _cluster.CanPingAsync(0, 1, ct), Is.True, "before: n1 reaches n2");

        await _partition.ApplyAsync(Grudges.Isolate(["n1", "n2", "n3"], "n1"), ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _cluster.CanPingAsync(0, 1, ct), Is.False, "n1 -> n2 during the partition");
            Assert.That(await _cluster.CanPingAsync(2, 0, ct), Is.False, "n3 -> n1 during the partition");
            Assert.That(await _cluster.CanPingAsync(1, 2, ct), Is.True, "n2 -> n3 (same side)");
            Assert.That((await _cluster.ShAsync(1, $"nc -z -w 1 {_cluster.Nodes[0].Address} 5000", ct)).Succeeded, Is.False, "n2 -> n1 TCP");
            Assert.That(await _partition.ListDropRulesAsync(_cluster.Nodes[0], ct), Has.Count.EqualTo(2));
            Assert.That(await _partition.ListDropRulesAsync(_cluster.Nodes[1], ct), Has.Count.EqualTo(1));
            Assert.That(await ReadPongAsync(_cluster.ClientPortOf(0), ct), Is.EqualTo("pong"), "client port from 127.0.0.1 during the partition");
        });

        await _partition.HealAsync(ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _cluster.CanPingAsync(0, 1, ct), Is.True, "n1 -> n2 after heal");
            Assert.That(await _cluster.CanPingAsync(2, 0, ct), Is.True, "n3 -> n1 after heal");
            foreach (var node in _cluster.Nodes)
                Assert.That(await _partition.ListDropRulesAsync(node, ct), Is.Empty, $"DROP rules left on {node.NodeId}");
        });
    }

    [Test]
    public async Task Apply_NewGrudge_ReplacesOldOne()
    {
        var ct = CancellationToken.None;
        await _partition.ApplyAsync(Grudges.Isolate(["n1", "n2", "n3"], "n1"), ct);
        await _partition.ApplyAsync(Grudges.Isolate(["n1", "n2", "n3"], "n3"), ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _cluster.CanPingAsync(0, 1, ct), Is.True, "n1 -> n2: the first grudge is gone");
            Assert.That(await _cluster.CanPingAsync(0, 2, ct), Is.False, "n1 -> n3: the second grudge holds");
        });
        await _partition.HealAsync(ct);
        Assert.That(await _cluster.CanPingAsync(0, 2, ct), Is.True);
    }

    private static async Task<string> ReadPongAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        using var reader = new StreamReader(client.GetStream());
        return (await reader.ReadLineAsync(timeout.Token))?.Trim() ?? "";
    }
}
