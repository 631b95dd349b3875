using System.Diagnostics;
using Google.Protobuf;
using RaftChaos.Controller.Cluster;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// Disk faults on real node containers, each shown by measurement and healed: fsync-error stops the node (its
/// container exits with status 1 and its log says why) and a restart from its disk brings it back; fsync-delay
/// stalls the leader's writes by the delay.
/// </summary>
[TestFixture]
[Category("Docker")]
public sealed class DiskFaultTests
{
    [Test]
    public async Task FsyncError_OnAFollower_StopsIt_RestartFromDiskHeals()
    {
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        var leader = (await cluster.LeaderNodeAsync(ct))!;
        var follower = cluster.Nodes.First(n => n.Id != leader.Id);

        await cluster.SetDiskFaultAsync(follower.Id, new DiskFaultSpec(DiskFaultSpec.FsyncError), ct);
        var clock = Stopwatch.StartNew();
        await WriteAsync(cluster, "during", ct); // the follower's next append needs an fsync
        var state = await ClusterFixture.WaitForAsync(async () =>
        {
            var inspect = await cluster.Engine.Client.Containers.InspectContainerAsync(follower.ContainerId, ct);
            return inspect.State!.Running ? null : inspect.State;
        }, TimeSpan.FromSeconds(10), ct);

        TestContext.Out.WriteLine($"{follower.Id} stopped {clock.ElapsedMilliseconds} ms after its disk began failing; exit code {state?.ExitCode}");
        Assert.That(state, Is.Not.Null, $"{follower.Id} still runs after its fsyncs failed");
        Assert.That(state!.ExitCode, Is.EqualTo(1));
        var logs = await ClusterFixture.LogOfAsync(cluster, follower.Id, ct);
        Assert.That(logs, Does.Contain("event=SyncFailed").And.Contain("EIO"));
        Assert.That(logs, Does.Not.Contain("event=SyncFailureIgnored"));
        await WriteAsync(cluster, "still-a-majority", ct);

        await cluster.KillAsync(follower.Id, ct); // already stopped: only marks it for the start
        await cluster.SetDiskFaultAsync(follower.Id, null, ct);
        await cluster.StartNodeAsync(follower.Id, ct);

        var caughtUp = await ClusterFixture.WaitForAsync(async () =>
            (await cluster.Client(follower.Id).ReadAsync(new ReadRequest { Key = "k", StaleOk = true }, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct))
                .Value.ToStringUtf8() is "still-a-majority" ? "yes" : null, TimeSpan.FromSeconds(20), ct);
        Assert.That(caughtUp, Is.Not.Null, $"{follower.Id} did not come back and catch up");
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty);
        Assert.That(cluster.DiskFaults, Is.Empty);
    }

    [Test]
    public async Task FsyncDelay_StallsTheNodesWritesByTheDelay_HealRemovesIt()
    {
        // One node: no election can move the writes to a node with a healthy disk, so the latency is this disk's.
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await ClusterFixture.StartAsync(1, ct);
        var node = cluster.Nodes[0];
        var before = await MedianWriteAsync(cluster, ct);

        await cluster.SetDiskFaultAsync(node.Id, new DiskFaultSpec(DiskFaultSpec.FsyncDelay, 300), ct);
        var during = await MedianWriteAsync(cluster, ct);
        await cluster.HealAsync(ct);
        var after = await MedianWriteAsync(cluster, ct);

        TestContext.Out.WriteLine($"median write latency: {before.TotalMilliseconds:F0} ms before, {during.TotalMilliseconds:F0} ms with fsync-delay=300, {after.TotalMilliseconds:F0} ms after the heal");
        Assert.That(during, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)), "each write waited for the stalled fsync");
        Assert.That(after, Is.LessThan(during - TimeSpan.FromMilliseconds(200)), "the heal took the stall away");
        Assert.That(await ClusterFixture.LogOfAsync(cluster, node.Id, ct), Does.Contain("fault=\"fsync-delay=300\""));
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty);
    }

    private static async Task<TimeSpan> MedianWriteAsync(RaftCluster cluster, CancellationToken ct)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            await WriteAsync(cluster, $"v{i}", ct);
            times.Add(clock.Elapsed);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>Writes through whichever node leads now (a loaded machine can move the leadership; not a workload operation).</summary>
    private static async Task WriteAsync(RaftCluster cluster, string value, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var leader = await ClusterFixture.WaitForAsync(() => cluster.LeaderAsync(ct), TimeSpan.FromSeconds(10), ct);
            Assert.That(leader, Is.Not.Null, "no leader");
            var reply = await cluster.Client(leader!).WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8(value) },
                deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
            if (reply.NotLeader is null) return;
            Assert.That(attempt, Is.LessThan(5), $"the write was refused five times: {reply.NotLeader}");
        }
    }
}
