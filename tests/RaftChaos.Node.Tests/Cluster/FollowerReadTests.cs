using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>
/// Linearizable reads on followers: served through the core's ReadIndex (forwarded to the leader), and never
/// answered with a value when no leader can confirm them.
/// </summary>
[NonParallelizable]
public class FollowerReadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40); // an upper bound: node processes took 18 s to start on a loaded CI machine

    [Test]
    [CancelAfter(90_000)]
    public async Task Read_OnFollower_ServesTheValueJustWrittenThroughTheLeader(CancellationToken ct)
    {
        using var cluster = LocalCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(Patience, ct);
        var followers = cluster.Nodes.Where(n => n != leader).ToList();

        for (var i = 0; i < 20; i++)
        {
            var write = await leader.Client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8($"v{i}") }, cancellationToken: ct);
            Assert.That(write.NotLeader, Is.Null, cluster.Logs());
            // At once, without waiting for replication: the follower must not answer before it applied the
            // leader's commit index as of the read.
            foreach (var follower in followers)
            {
                var read = await follower.Client.ReadAsync(new ReadRequest { Key = "k" }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
                Assert.That(read.NotLeader, Is.Null, $"{follower.Id} refused a linearizable read{Environment.NewLine}{cluster.Logs()}");
                Assert.That(read.Found ? read.Value.ToStringUtf8() : "<absent>", Is.EqualTo($"v{i}"), $"{follower.Id} served a stale value");
            }
        }
        var absent = await followers[0].Client.ReadAsync(new ReadRequest { Key = "never-written" }, cancellationToken: ct);
        Assert.That(absent.NotLeader, Is.Null);
        Assert.That(absent.Found, Is.False);
        var write2 = await followers[0].Client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8("x") }, cancellationToken: ct);
        Assert.That(write2.NotLeader?.LeaderId, Is.EqualTo(leader.Id), "writes are still served by the leader only");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Read_OnFollowerCutOffFromEveryLeader_NeverReturnsAValue(CancellationToken ct)
    {
        using var cluster = LocalCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(Patience, ct);
        await leader.Client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFromUtf8("v") }, cancellationToken: ct);
        var followers = cluster.Nodes.Where(n => n != leader).ToList();
        var survivor = followers[0];
        var warm = await survivor.Client.ReadAsync(new ReadRequest { Key = "k" }, cancellationToken: ct);
        Assert.That(warm.Value.ToStringUtf8(), Is.EqualTo("v"), "a linearizable read works before the faults");

        // Kill the leader and the other follower: the survivor still believes in the dead leader for an election
        // timeout (its reads are forwarded and never answered), then knows no leader and can never elect one.
        leader.Kill();
        followers[1].Kill();
        var clock = Stopwatch.StartNew();
        var (refused, failed) = (0, 0);
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            var started = clock.Elapsed;
            try
            {
                var read = await survivor.Client.ReadAsync(new ReadRequest { Key = "k" }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
                Assert.That(read.NotLeader, Is.Not.Null, $"a node without a leader served {read.Value.ToStringUtf8()}{Environment.NewLine}{cluster.Logs()}");
                refused++;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                failed++;
                Assert.That(clock.Elapsed - started, Is.LessThan(TimeSpan.FromSeconds(2)), "the node's own read deadline ends a lost ReadIndex");
            }
            await Task.Delay(50, ct);
        }
        TestContext.Out.WriteLine($"without a leader: {refused} reads refused (not_leader), {failed} failed at the deadline");
        Assert.That(refused, Is.Positive, "once the leader is known to be gone, reads are refused at once");
        var stale = await survivor.Client.ReadAsync(new ReadRequest { Key = "k", StaleOk = true }, cancellationToken: ct);
        Assert.That(stale.Value.ToStringUtf8(), Is.EqualTo("v"), "stale_ok reads are still served from local state");
    }
}
