using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// The membership nemesis on real nodes, shown by measurement: after each start the leader's member list lacks the
/// removed node (for two removals sent at once, exactly one: the correct leader refuses the second while the first is
/// in flight), a wiped node came back from an empty disk, and after each stop every node's member list holds every
/// original member again; the cluster's heal check agrees.
/// </summary>
[TestFixture]
[Category("Docker")]
public sealed class MembershipTests
{
    [Test]
    public async Task Nemesis_EachMode_LeaderListsTheChange_AndEachStopBringsEveryMemberBackOnEveryNode()
    {
        var ct = ClusterFixture.Timeout(300);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(7), recorder);
        var nemesis = new MembershipNemesis();
        var seen = new List<string>();

        for (var i = 0; i < MembershipNemesis.Modes.Count; i++)
        {
            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);
            await nemesis.StartAsync(context, ct);
            var active = nemesis.Active;
            Assert.That(active, Is.Not.Null, "a leader answered, so the nemesis changed something");
            var mode = active!.Split(' ')[1];
            seen.Add(mode);
            var targets = active.Split(' ')[2].Split(',');
            var leader = await ClusterFixture.WaitForAsync(() => cluster.LeaderAsync(ct), TimeSpan.FromSeconds(20), ct);
            var voters = await cluster.MembersAsync(leader!, ct);
            TestContext.Out.WriteLine($"{mode} {string.Join(",", targets)}: leader {leader} lists {string.Join(",", voters ?? [])}");
            Assert.That(voters, Is.Not.Null);
            var absent = cluster.NodeIds.Except(voters!).ToList();
            Assert.That(absent, mode == "remove-two-followers" ? Has.Count.EqualTo(1) : Is.EqualTo(targets), $"{mode}: the voters after the change");
            Assert.That(targets, Is.SupersetOf(absent));

            await nemesis.StopAsync(context, ct);

            var lists = await ClusterFixture.WaitForAsync(async () =>
            {
                var all = await Task.WhenAll(cluster.NodeIds.Select(id => cluster.MembersAsync(id, ct)));
                return all.All(v => v is not null && v.SequenceEqual(cluster.NodeIds)) ? all : null;
            }, TimeSpan.FromSeconds(30), ct);
            Assert.That(lists, Is.Not.Null, $"{mode}: every node lists every original member after the stop");
        }

        Assert.That(seen, Is.EquivalentTo(MembershipNemesis.Modes));
        var events = recorder.Events.Where(e => e.Process.IsNemesis).Select(e => $"{e.F} {e.Value.ToJson()}").ToList();
        TestContext.Out.WriteLine(string.Join("\n", events));
        Assert.That(events.Count(e => e.StartsWith("wipe ", StringComparison.Ordinal)), Is.EqualTo(1));
        var wiped = events.Single(e => e.StartsWith("wipe ", StringComparison.Ordinal))[7..9];
        var log = await ClusterFixture.LogOfAsync(cluster, wiped, ct);
        Assert.That(log, Does.Contain("created_new=true").IgnoreCase, $"{wiped} started again from an empty data folder");
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty);
    }

    [Test]
    public async Task Heal_AfterARemoval_AddsTheMemberBack_AndTheHealCheckReadsThemBack()
    {
        var ct = ClusterFixture.Timeout(180);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        var leader = (await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct))!;
        var followers = cluster.NodeIds.Where(id => id != leader).ToList();
        Assert.That((await cluster.ChangeMembershipAsync(leader, add: false, followers[0], ct)).Done, Is.True);
        var problems = await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct);
        Assert.That(problems, Has.Some.Contains($"lack {followers[0]}"), "the heal check sees the missing member");

        await cluster.HealAsync(ct);

        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty);
        foreach (var id in cluster.NodeIds) Assert.That(await cluster.MembersAsync(id, ct), Is.EqualTo(cluster.NodeIds), id);
    }
}
