using Grpc.Core;
using RaftChaos.Node.Admin;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>
/// The admin service on real node processes: the voters after each single-server change (a follower removed and added
/// back, then the leader removed), as every node reports them once the change is applied.
/// </summary>
[NonParallelizable]
public sealed class MembershipTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40); // an upper bound: node processes took 18 s to start on a loaded CI machine

    [Test]
    [CancelAfter(90_000)]
    public async Task RemoveFollower_AddItBack_RemoveLeader_VotersAfterEachChange(CancellationToken ct)
    {
        using var cluster = LocalCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(Patience, ct);
        var follower = cluster.Nodes.First(n => n.Id != leader.Id);
        Assert.That(await VotersAsync(leader, ct), Is.EqualTo(new[] { "n1", "n2", "n3" }));

        var removed = await AdminOf(leader).RemoveMemberAsync(new MemberChangeRequest { NodeId = follower.Id }, cancellationToken: ct);
        Assert.That(removed.Refused, Is.Empty, cluster.Logs());
        var two = cluster.Nodes.Where(n => n.Id != follower.Id).Select(n => n.Id).ToArray();
        Assert.That(removed.Voters, Is.EqualTo(two));

        var refused = await AdminOf(follower).AddMemberAsync(new MemberChangeRequest { NodeId = follower.Id }, cancellationToken: ct);
        Assert.That(refused.NotLeader, Is.Not.Empty, "a node that does not lead refuses, naming the leader or none");

        var added = await AdminOf(leader).AddMemberAsync(new MemberChangeRequest { NodeId = follower.Id }, cancellationToken: ct);
        Assert.That(added.Voters, Is.EqualTo(new[] { "n1", "n2", "n3" }), added.Refused);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => AdminOf(leader).RemoveMemberAsync(new MemberChangeRequest { NodeId = "n9" }, cancellationToken: ct).ResponseAsync);
        Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(unknown.Status.Detail, Does.Contain("n9").And.Contain("--peers"));

        var leaderGone = await AdminOf(leader).RemoveMemberAsync(new MemberChangeRequest { NodeId = leader.Id }, cancellationToken: ct);
        var rest = cluster.Nodes.Where(n => n.Id != leader.Id).ToList();
        Assert.That(leaderGone.Voters, Is.EqualTo(rest.Select(n => n.Id).ToArray()), leaderGone.Refused);
        // The two others elect one of themselves; each reports the two voters.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var views = await Task.WhenAll(rest.Select(n => AdminOf(n).MembersAsync(new MembersRequest(), cancellationToken: ct).ResponseAsync));
            if (views.All(v => v.Voters.SequenceEqual(rest.Select(n => n.Id)) && rest.Any(n => n.Id == v.LeaderId))) break;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no new leader among {string.Join(",", rest.Select(n => n.Id))}{Environment.NewLine}{cluster.Logs()}");
            await Task.Delay(100, ct);
        }
        Assert.That(leader.Output, Does.Contain("event=MembershipApplied"));
    }

    private static RaftChaos.Node.Admin.Admin.AdminClient AdminOf(NodeProcess node) => new(node.Channel);

    private static async Task<string[]> VotersAsync(NodeProcess node, CancellationToken ct) =>
        [.. (await AdminOf(node).MembersAsync(new MembersRequest(), cancellationToken: ct)).Voters];
}
