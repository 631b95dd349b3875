using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>ContainerKill against a real container: SIGKILL stops it, start brings it back with its files and address.</summary>
[TestFixture, Category("Docker")]
public sealed class KillTests
{
    [Test]
    public async Task Kill_ThenStart_KeepsFilesAndAddress()
    {
        var ct = CancellationToken.None;
        await using var cluster = await TestCluster.StartAsync(1, "sleep infinity", null, ct);
        var node = cluster.Nodes[0];
        var kill = new ContainerKill(cluster.Engine);
        var token = Guid.NewGuid().ToString("N");
        await cluster.Engine.ExecCheckedAsync(node.ContainerId, ["sh", "-c", $"mkdir -p /data && echo {token} > /data/marker"], ct);

        await kill.KillAsync(node, ct);

        var killed = await kill.StateAsync(node, ct);
        Assert.Multiple(() =>
        {
            Assert.That(killed.Running, Is.False, "running after SIGKILL");
            Assert.That(killed.ExitCode, Is.EqualTo(137), "128 + SIGKILL");
        });

        await kill.StartAsync(node, ct);

        var inspect = await cluster.Engine.Client.Containers.InspectContainerAsync(node.ContainerId, ct);
        var marker = await cluster.Engine.ExecCheckedAsync(node.ContainerId, ["cat", "/data/marker"], ct);
        Assert.Multiple(() =>
        {
            Assert.That(inspect.State!.Running, Is.True, "running after start");
            Assert.That(marker.Stdout.Trim(), Is.EqualTo(token), "files survive the kill");
            Assert.That(inspect.NetworkSettings!.Networks[cluster.Network.Name].IPAddress, Is.EqualTo(node.Address.ToString()), "same address");
        });
    }

    [Test]
    public async Task Kill_PausedContainer_StillKills()
    {
        var ct = CancellationToken.None;
        await using var cluster = await TestCluster.StartAsync(1, "sleep infinity", null, ct);
        var node = cluster.Nodes[0];
        await new ContainerPause(cluster.Engine).PauseAsync(node, ct);

        var kill = new ContainerKill(cluster.Engine);
        await kill.KillAsync(node, ct);

        Assert.That((await kill.StateAsync(node, ct)).Running, Is.False);
    }
}
