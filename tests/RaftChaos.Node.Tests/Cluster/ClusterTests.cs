using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>
/// A real three-node cluster of node processes on loopback ports: election, replication, a SIGKILLed leader
/// (no acknowledged write may be lost), and a killed node restarted on its data directory catching up.
/// </summary>
[NonParallelizable]
public class ClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40); // an upper bound: node processes took 18 s to start on a loaded CI machine

    [Test]
    [CancelAfter(90_000)]
    public async Task ThreeNodes_ElectOneLeader_AndReplicateToFollowers(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var cluster = LocalCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(Patience, ct);
        TestContext.Out.WriteLine($"leader {leader.Id} elected {clock.ElapsedMilliseconds} ms after starting three processes");

        for (var i = 0; i < 20; i++)
        {
            var reply = await leader.Client.WriteAsync(new WriteRequest { Key = $"k{i}", Value = ByteString.CopyFromUtf8($"v{i}") }, cancellationToken: ct);
            Assert.That(reply.NotLeader, Is.Null, cluster.Logs());
        }

        var follower = cluster.Nodes.First(n => n != leader);
        var refused = await follower.Client.WriteAsync(new WriteRequest { Key = "x", Value = ByteString.CopyFromUtf8("y") }, cancellationToken: ct);
        Assert.That(refused.NotLeader?.LeaderId, Is.EqualTo(leader.Id), "a follower refuses writes and names the leader");
        Assert.That(refused.NotLeader!.LeaderAddress, Is.EqualTo($"127.0.0.1:{leader.Port}"));

        foreach (var node in cluster.Nodes.Where(n => n != leader))
        {
            await WaitUntilAsync(async () => (await node.Client.ReadAsync(new ReadRequest { Key = "k19", StaleOk = true }, cancellationToken: ct)).Value.ToStringUtf8() == "v19",
                $"{node.Id} did not receive the writes{Environment.NewLine}{cluster.Logs()}", ct);
            for (var i = 0; i < 20; i++)
            {
                var read = await node.Client.ReadAsync(new ReadRequest { Key = $"k{i}", StaleOk = true }, cancellationToken: ct);
                Assert.That(read.Value.ToStringUtf8(), Is.EqualTo($"v{i}"), node.Id);
            }
            var status = await node.Client.StatusAsync(new StatusRequest(), cancellationToken: ct);
            Assert.That(status.LeaderId, Is.EqualTo(leader.Id));
            Assert.That(status.PeerLastContactMs[leader.Id], Is.InRange(0, 2000), "followers hear from the leader");
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task LeaderSigkilled_LosesNoAcknowledgedWrite_AndRestartedNodeCatchesUp(CancellationToken ct)
    {
        // Small snapshot interval: compaction and snapshot transfer happen during the test too.
        using var cluster = LocalCluster.Start(3, "--snapshot-entries", "100");
        var leader = await cluster.WaitForLeaderAsync(Patience, ct);
        var writer = new AckTracker(cluster);

        // Kill the leader while writes are in flight, so some end ambiguously and must not count as acknowledged;
        // keep writing until 250 more are acknowledged by the next leader.
        long killedAt = 0;
        var writing = writer.WriteUntilAsync(() => Volatile.Read(ref killedAt) != 0 && writer.AcksAfter(Volatile.Read(ref killedAt)) >= 250, ct);
        await WaitUntilAsync(() => Task.FromResult(writer.Acked.Count >= 150), "no writes acknowledged", ct);
        // The leader right now (it may have changed since start-up on a loaded machine).
        var victim = await cluster.WaitForLeaderAsync(Patience, ct);
        var victimTerm = (await victim.Client.StatusAsync(new StatusRequest(), cancellationToken: ct)).Term;
        victim.Kill();
        Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
        await writing;
        var firstAckAfterKill = writer.FirstAckAfter(killedAt, victim.Id);
        Assert.That(firstAckAfterKill, Is.Not.Null);
        TestContext.Out.WriteLine($"killed leader {victim.Id} (term {victimTerm}); first write acknowledged by the next leader {Stopwatch.GetElapsedTime(killedAt, firstAckAfterKill!.Value).TotalMilliseconds:F0} ms later; "
            + $"{writer.Acked.Count} acked, {writer.Unknown} unknown, {writer.Refused} refused");

        var newLeader = await cluster.WaitForLeaderAsync(Patience, ct);
        Assert.That(newLeader, Is.Not.SameAs(victim));
        foreach (var (key, value) in writer.Acked)
        {
            var read = await newLeader.Client.ReadAsync(new ReadRequest { Key = key }, cancellationToken: ct);
            Assert.That(read.NotLeader, Is.Null);
            Assert.That(read.Found ? read.Value.ToStringUtf8() : "<absent>", Is.EqualTo(value), $"acknowledged write {key} lost{Environment.NewLine}{cluster.Logs()}");
        }

        // Restart the killed node on its data directory: it recovers from disk and catches up.
        victim.Start();
        var target = (await newLeader.Client.StatusAsync(new StatusRequest(), cancellationToken: ct)).CommitIndex;
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await victim.Client.StatusAsync(new StatusRequest(), cancellationToken: ct)).AppliedIndex >= target;
            }
            catch (RpcException)
            {
                return false;
            }
        }, $"restarted {victim.Id} did not catch up to {target}{Environment.NewLine}{cluster.Logs()}", ct);
        foreach (var (key, value) in writer.Acked)
        {
            var read = await victim.Client.ReadAsync(new ReadRequest { Key = key, StaleOk = true }, cancellationToken: ct);
            Assert.That(read.Value.ToStringUtf8(), Is.EqualTo(value), $"restarted {victim.Id} misses {key}");
        }
        Assert.That(victim.Output, Does.Contain("event=Recovered"));
        // 250 writes after the kill, snapshots every 100: the leader compacted past the victim's log, so it
        // caught up through InstallSnapshot.
        Assert.That(victim.Output, Does.Contain("event=SnapshotInstalled"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task SingleNode_Sigterm_StopsCleanly_AndKeepsItsData(CancellationToken ct)
    {
        using var cluster = LocalCluster.Start(1);
        var node = await cluster.WaitForLeaderAsync(Patience, ct);
        await node.Client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8("kept") }, cancellationToken: ct);

        Assert.That(await node.TerminateAsync(ct), Is.Zero, node.Output);
        Assert.That(node.Output, Does.Contain("event=Stopped"));

        node.Start();
        await cluster.WaitForLeaderAsync(Patience, ct);
        var read = await node.Client.ReadAsync(new ReadRequest { Key = "k" }, cancellationToken: ct);
        Assert.That(read.Value.ToStringUtf8(), Is.EqualTo("kept"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure, CancellationToken ct)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail(failure);
            }
            await Task.Delay(50, ct);
        }
    }
}
