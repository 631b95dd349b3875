using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Tests.Fakes;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Nemeses;

/// <summary>The membership nemesis against an in-memory cluster: the modes it takes in turn, what it records, how it heals.</summary>
public sealed class MembershipNemesisTests
{
    [TestCase(0)]
    [TestCase(7)]
    public async Task StartStop_OneRound_EveryModeOnce_EveryMemberBackAfterEachStop(int seed)
    {
        var cluster = new FakeCluster(3);
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(seed), recorder);
        var nemesis = new MembershipNemesis();
        var modes = new List<string>();

        for (var i = 0; i < MembershipNemesis.Modes.Count; i++)
        {
            var leaderBefore = await cluster.LeaderAsync(CancellationToken.None);
            await nemesis.StartAsync(context, CancellationToken.None);
            var active = nemesis.Active!;
            var mode = active.Split(' ')[1];
            modes.Add(mode);
            var removed = active.Split(' ')[2].Split(',');
            Assert.That(removed, mode == "remove-leader" ? Is.EqualTo(new[] { leaderBefore }) : Does.Not.Contain(leaderBefore), active);
            // Two removals sent at once: a leader that takes one change at a time refuses the second.
            Assert.That(cluster.Voters, Has.Count.EqualTo(2), active);

            await nemesis.StopAsync(context, CancellationToken.None);

            Assert.That(nemesis.Active, Is.Null);
            Assert.That(cluster.Voters, Is.EquivalentTo(cluster.NodeIds), active);
            Assert.That(cluster.Calls.Count(c => c.StartsWith("wipe", StringComparison.Ordinal)), Is.EqualTo(modes.Count(m => m == "remove-follower-wipe")), active);
        }

        Assert.That(modes, Is.EquivalentTo(MembershipNemesis.Modes));
        var events = recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F).ToList();
        Assert.That(events.Count(e => e == "start-membership"), Is.EqualTo(4));
        Assert.That(events.Count(e => e == "stop-membership"), Is.EqualTo(4));
        Assert.That(events.Count(e => e == "remove-member"), Is.EqualTo(5), "one per request: two for remove-two-followers");
        Assert.That(events.Count(e => e == "add-member"), Is.EqualTo(4), "the refused removal needs no add-back");
        Assert.That(events.Count(e => e == "wipe"), Is.EqualTo(1));
        var refused = recorder.Events.Where(e => e.F == "remove-member").Select(e => e.Value.ToJson()).Where(v => v.Contains("refused", StringComparison.Ordinal));
        Assert.That(refused.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Start_RemoveTwoFollowers_WithALeaderThatTakesBoth_RemovesBoth()
    {
        var cluster = new FakeCluster(3) { OneChangeAtATime = false };
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(0), recorder);
        var nemesis = new MembershipNemesis();
        for (var i = 0; i < MembershipNemesis.Modes.Count; i++)
        {
            await nemesis.StartAsync(context, CancellationToken.None);
            var twoAtOnce = nemesis.Active!.Contains("remove-two-followers", StringComparison.Ordinal);
            Assert.That(cluster.Voters, Has.Count.EqualTo(twoAtOnce ? 1 : 2), nemesis.Active);
            await nemesis.StopAsync(context, CancellationToken.None);
            Assert.That(cluster.Voters, Is.EquivalentTo(cluster.NodeIds));
        }
    }
}
