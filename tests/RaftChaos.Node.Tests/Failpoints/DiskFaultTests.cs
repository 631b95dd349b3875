using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;
using RaftChaos.Node.Tests.Cluster;

namespace RaftChaos.Node.Tests.Failpoints;

/// <summary>
/// The disk-fault file of a real node process (<c>--disk-fault-file</c>): fsync-error stops the node without
/// acknowledging the write whose sync failed; the deliberate bug acknowledges it and loses it; fsync-delay stalls writes.
/// </summary>
[NonParallelizable]
public sealed class DiskFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The node's disk-fault file: what the controller writes into a container, written here by the test.
    private string _faultFile = "";

    [SetUp]
    public void CreateFaultFile() => _faultFile = Path.GetTempFileName();

    [TearDown]
    public void DeleteFaultFile() => File.Delete(_faultFile);

    private Task SetDiskFault(string spec, CancellationToken ct) => File.WriteAllTextAsync(_faultFile, spec, ct);

    /// <summary>A one-node cluster reading the fault file, led, with <paramref name="first"/> written on a healthy disk.</summary>
    private async Task<(LocalCluster Cluster, NodeProcess Node)> StartWithAWriteAsync(string first, CancellationToken ct, params string[] extraArgs)
    {
        var cluster = LocalCluster.Start(1, ["--disk-fault-file", _faultFile, .. extraArgs]);
        var node = await cluster.WaitForLeaderAsync(Patience, ct);
        await Write(node, first, ct);
        return (cluster, node);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FsyncError_NodeStopsWithoutAcknowledging_AndRestartsOnAHealthyDisk(CancellationToken ct)
    {
        var (cluster, node) = await StartWithAWriteAsync("before", ct);
        using var _ = cluster;

        await SetDiskFault(DiskFaultSpec.FsyncError, ct);
        var failed = await Assert.CatchAsync<RpcException>(() => Write(node, "lost", ct));
        var exitCode = await node.WaitForExitAsync(ct).WaitAsync(Patience, ct);

        Assert.That(failed!.StatusCode, Is.Not.EqualTo(StatusCode.OK), "the write whose sync failed is never acknowledged");
        Assert.That(exitCode, Is.EqualTo(1), node.Output);
        Assert.That(node.Output, Does.Contain("event=DiskFaultChanged").And.Contain("event=SyncFailed"));

        await SetDiskFault("none", ct);
        node.Start();
        await cluster.WaitForLeaderAsync(Patience, ct);
        Assert.That(await Read(node, ct), Is.EqualTo("before"), "the lost batch is not on the disk");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FsyncErrorUnderContinueBug_AcknowledgesAWriteThatARestartLoses(CancellationToken ct)
    {
        var (cluster, node) = await StartWithAWriteAsync("before", ct, "--unsafe", "continue-after-fsync-error");
        using var _ = cluster;

        await SetDiskFault(DiskFaultSpec.FsyncError, ct);
        await Write(node, "acknowledged", ct);
        Assert.That(node.IsRunning, Is.True);
        Assert.That(node.Output, Does.Contain("event=SyncFailureIgnored"));

        node.Kill();
        await SetDiskFault("none", ct);
        node.Start();
        await cluster.WaitForLeaderAsync(Patience, ct);
        Assert.That(await Read(node, ct), Is.EqualTo("before"), "the acknowledged write is gone: the bug the bed must catch");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FsyncDelay_StallsEachWrite_AndHealsWhenTheFileSaysNone(CancellationToken ct)
    {
        var (cluster, node) = await StartWithAWriteAsync("warm-up", ct);
        using var _ = cluster;

        await SetDiskFault("fsync-delay=300", ct);
        var stalled = await TimedWrite(node, "slow", ct);
        await SetDiskFault("none", ct);
        await Write(node, "first-after-heal", ct); // the first sync after the heal may still read the old file state
        var healed = await TimedWrite(node, "fast", ct);

        TestContext.Out.WriteLine($"write with fsync-delay=300: {stalled.TotalMilliseconds:F0} ms; after the heal: {healed.TotalMilliseconds:F0} ms");
        // Lower bounds and a comparison only: the stall is the fault's measured effect; speed belongs to benchmarks.
        Assert.That(stalled, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(healed, Is.LessThan(stalled));
        Assert.That(node.Output, Does.Contain("fault=\"fsync-delay=300\""));
    }

    private static async Task<TimeSpan> TimedWrite(NodeProcess node, string value, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Write(node, value, ct);
        return clock.Elapsed;
    }

    private static async Task Write(NodeProcess node, string value, CancellationToken ct)
    {
        var reply = await node.Client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8(value) }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
        Assert.That(reply.NotLeader, Is.Null, "a single node leads");
    }

    private static async Task<string> Read(NodeProcess node, CancellationToken ct) =>
        (await node.Client.ReadAsync(new ReadRequest { Key = "k" }, cancellationToken: ct)).Value.ToStringUtf8();
}
