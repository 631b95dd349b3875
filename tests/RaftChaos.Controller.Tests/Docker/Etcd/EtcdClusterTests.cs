using RaftChaos.Checker.History;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;
using RaftChaos.Controller.Tests.Docker.Cluster;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Controller.Tests.Docker.Etcd;

/// <summary>
/// The etcd target against real etcd 3.4 containers: the cluster starts and names its leader, the client's writes, cas
/// and reads work, and a Put to a member cut off from its peers ends as docs/system-under-test.md's etcd table says.
/// </summary>
[TestFixture, Category("Docker")]
public sealed class EtcdClusterTests
{
    /// <summary>A 3-member etcd cluster on the image of the current etcd/Dockerfile; the test disposes it.</summary>
    internal static async Task<RaftCluster> StartAsync(CancellationToken ct) => await RaftCluster.StartAsync(new ClusterOptions
    {
        Nodes = 3,
        RunId = DockerEnvironment.NewRunId(),
        Target = new EtcdTarget(),
        Seed = 7,
    }, DockerEnvironment.RequireEngine(), null, ct);

    [Test]
    public async Task Start_ThreeMembers_OneLeaderEveryMemberNames_AndTheClientWorks()
    {
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await StartAsync(ct);
        var leader = await cluster.LeaderAsync(ct);
        var statuses = await Task.WhenAll(cluster.NodeIds.Select(id => cluster.TryStatusAsync(id, ct)));

        Assert.That(leader, Is.Not.Null);
        Assert.That(statuses.Select(s => s?.LeaderId), Is.All.EqualTo(leader), "every member names the leader by its --name");
        Assert.That(statuses.Count(s => s!.IsLeader), Is.EqualTo(1));

        var endpoints = cluster.CreateEndpoints();
        try
        {
            var follower = endpoints[cluster.NodeIds.ToList().FindIndex(id => id != leader)];
            Assert.That((await follower.ExecuteAsync(WorkloadOperation.Read("k"), ct)).Observed, Is.EqualTo(HistoryValue.Null), "absent key");
            Assert.That((await follower.ExecuteAsync(WorkloadOperation.Write("k", 3), ct)).Kind, Is.EqualTo(OutcomeKind.Ok), "a follower forwards the proposal");
            var mismatch = await follower.ExecuteAsync(WorkloadOperation.Cas("k", 2, 4), ct);
            Assert.That((mismatch.Kind, mismatch.Error, mismatch.Reason), Is.EqualTo((OutcomeKind.Fail, ErrorCode.CasMismatch, "precondition false: current value 3")));
            Assert.That((await follower.ExecuteAsync(WorkloadOperation.Cas("k", 3, 4), ct)).Kind, Is.EqualTo(OutcomeKind.Ok));
            var read = await endpoints[0].ExecuteAsync(WorkloadOperation.Read("k"), ct);
            Assert.That((read.Kind, read.Observed), Is.EqualTo((OutcomeKind.Ok, HistoryValue.Of(4))));
            Assert.That((await follower.ExecuteAsync(new WorkloadOperation("append", "s", HistoryValue.Of("ab")), ct)).Kind, Is.EqualTo(OutcomeKind.Ok));
            Assert.That((await follower.ExecuteAsync(new WorkloadOperation("append", "s", HistoryValue.Of("cd")), ct)).Kind, Is.EqualTo(OutcomeKind.Ok));
            Assert.That((await follower.ExecuteAsync(new WorkloadOperation("get", "s", HistoryValue.Null), ct)).Observed, Is.EqualTo(HistoryValue.Of("abcd")));
        }
        finally
        {
            foreach (var endpoint in endpoints.OfType<IDisposable>()) endpoint.Dispose();
        }
    }

    [Test]
    public async Task Put_ToAMemberCutOffFromItsPeers_InfoWhileItFollowsThenFailNoLeader()
    {
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await StartAsync(ct);
        var leader = await cluster.LeaderAsync(ct);
        var ids = cluster.NodeIds;
        var cut = ids.First(id => id != leader);
        var endpoints = cluster.CreateEndpoints();
        try
        {
            var endpoint = endpoints[ids.ToList().IndexOf(cut)];
            Assert.That((await endpoint.ExecuteAsync(WorkloadOperation.Write(null, 1), ct)).Kind, Is.EqualTo(OutcomeKind.Ok), "before the cut");

            await cluster.PartitionAsync(Grudges.Isolate(ids, cut), ct);
            // At once, the member still follows the leader it heard from under 50 ms ago (it waits an election timeout,
            // 500-1000 ms, before it campaigns): etcd forwards the proposal into the cut, and the call can only time out.
            // The table says info (the proposal may reach the leader after the heal, over the same TCP stream). Should
            // this machine be slow enough for the member to have lost its leader already, the table says fail no-leader.
            using (var quick = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                quick.CancelAfter(TimeSpan.FromMilliseconds(300));
                var early = await endpoint.ExecuteAsync(WorkloadOperation.Write(null, 2), quick.Token);
                TestContext.Out.WriteLine($"put right after the cut: {early.Kind} {early.Error} ({early.Reason})");
                Assert.That((early.Kind, early.Error), Is.EqualTo((OutcomeKind.Info, ErrorCode.Cancelled)).Or.EqualTo((OutcomeKind.Fail, ErrorCode.NotLeader)));
            }

            // The cut took effect: the member's own status loses the leader and its term climbs as it campaigns alone.
            var lost = await ClusterFixture.WaitForAsync(async () => await cluster.TryStatusAsync(cut, ct) is { LeaderId: null } s ? s : null, TimeSpan.FromSeconds(10), ct);
            Assert.That(lost, Is.Not.Null, $"{cut} never lost its leader behind the partition");
            var late = await endpoint.ExecuteAsync(WorkloadOperation.Write(null, 3), ct);
            TestContext.Out.WriteLine($"put once {cut} knows no leader (term {lost!.Term}): {late.Kind} {late.Error} ({late.Reason})");
            Assert.That((late.Kind, late.Error, late.Reason), Is.EqualTo((OutcomeKind.Fail, ErrorCode.NotLeader, "Unavailable: etcdserver: no leader")),
                "hasleader metadata: etcd refuses before proposing");

            await cluster.HealPartitionAsync(ct);
            Assert.That(await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct), Is.Not.Null);
            var read = await endpoint.ExecuteAsync(WorkloadOperation.Read(null), ct);
            TestContext.Out.WriteLine($"after the heal the register holds {read.Observed}");
            Assert.That(read.Observed, Is.EqualTo(HistoryValue.Of(1)).Or.EqualTo(HistoryValue.Of(2)), "3 was refused; 2 may or may not have been applied");
        }
        finally
        {
            foreach (var endpoint in endpoints.OfType<IDisposable>()) endpoint.Dispose();
        }
    }
}
