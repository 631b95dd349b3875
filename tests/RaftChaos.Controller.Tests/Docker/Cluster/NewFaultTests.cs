using System.Diagnostics;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// The faults that combine or reach inside the node, shown to take effect on real node containers: the slow-leader
/// nemesis (clock step back + cut off), the swap-leader nemesis (the leader cut off, then its successor instead) and
/// the crash failpoints (the node SIGKILLs itself after a vote, or as a new leader before its first append leaves;
/// the supervisor in its container starts it again).
/// </summary>
[TestFixture]
[Category("Docker")]
public sealed class NewFaultTests
{
    [Test]
    public async Task SlowLeader_StepsTheLeadersClockBackAndCutsItOff_OthersElect_StopHeals()
    {
        var ct = ClusterFixture.Timeout(180);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        var leader = (await cluster.LeaderNodeAsync(ct))!;
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(3), recorder);
        var nemesis = new SlowLeaderNemesis();
        var before = await cluster.StatusAsync(leader, ct);
        var elapsed = Stopwatch.StartNew();

        await nemesis.StartAsync(context, ct);

        var during = await cluster.StatusAsync(leader, ct);
        var advanced = during.MonotonicMs - before.MonotonicMs;
        TestContext.Out.WriteLine($"{nemesis.Active}: monotonic clock advanced {advanced} ms in {elapsed.ElapsedMilliseconds} ms of real time");
        Assert.That(nemesis.Active, Does.Contain("cut off").And.Not.Contain("not seen"));
        Assert.That(advanced, Is.LessThan(elapsed.ElapsedMilliseconds - 1500), "the leader's monotonic clock stepped back by 2-4 s");
        Assert.That(cluster.ActiveFaults.Partition?.ToString(), Does.Contain(leader.Id), "the leader is cut off");
        var newLeader = await ClusterFixture.WaitForAsync(async () => await cluster.LeaderNodeAsync(ct) is { } l && l.Id != leader.Id ? l : null, TimeSpan.FromSeconds(10), ct);
        Assert.That(newLeader, Is.Not.Null, "the others elect a new leader on real time");

        await nemesis.StopAsync(context, ct);

        Assert.That(nemesis.Active, Is.Null);
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(15), ct);
        await Task.Delay(1500, ct); // libfaketime re-reads its control file within a second
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty, "no DROP rule and no clock offset left");
        Assert.That(recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F),
            Is.EqualTo(new[] { "clock-bump", "start-partition", "stop-partition", "clock-reset" }));
    }

    [Test]
    public async Task SwapLeader_CutsTheLeaderOff_ThenEachNewLeaderInTurn_StopHeals()
    {
        var ct = ClusterFixture.Timeout(180);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        var leader = (await cluster.LeaderNodeAsync(ct))!;
        var term = (await cluster.StatusAsync(leader, ct)).Term;
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(5), recorder);
        var nemesis = new SwapLeaderNemesis();

        await nemesis.StartAsync(context, ct);

        TestContext.Out.WriteLine($"{nemesis.Active}; grudge {cluster.ActiveFaults.Partition}");
        Assert.That(nemesis.Active, Does.StartWith($"swap-leader: {leader.Id} cut off, then ").And.Not.Contain("in time"));
        var cuts = recorder.Events.Where(e => e.F == "start-partition").Select(e => e.Value.ToJson()).ToList();
        Assert.That(cuts, Has.Count.InRange(2, 3), "the first cut and one or two moves");
        var grudge = cluster.ActiveFaults.Partition!;
        var cut = cluster.Nodes.Single(n => grudge.DroppedBy(n.Id).Count == 2); // the one cut off from both others
        Assert.That(cluster.Nodes.Where(n => n.Id != cut.Id).Select(n => grudge.DroppedBy(n.Id)), Is.All.EquivalentTo(new[] { cut.Id }),
            "the others see each other again");
        var cutTerm = (await cluster.StatusAsync(cut, ct)).Term;
        Assert.That(cutTerm, Is.GreaterThan(term), "the cut node was elected after the first cut");
        // The two others form a majority without the cut-off leader: one of them leads a later term.
        var other = cluster.Nodes.First(n => n.Id != cut.Id);
        var after = await ClusterFixture.WaitForAsync(async () =>
        {
            var status = await cluster.TryStatusAsync(other.Id, ct);
            return status?.LeaderId is { Length: > 0 } id && id != cut.Id && status.Term > cutTerm ? id : null;
        }, TimeSpan.FromSeconds(10), ct);
        Assert.That(after, Is.Not.Null, "the majority without the cut-off leader elects again");

        await nemesis.StopAsync(context, ct);

        Assert.That(nemesis.Active, Is.Null);
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(15), ct);
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty, "no DROP rule left");
        var expected = new List<string> { "start-partition" };
        for (var move = 1; move < cuts.Count; move++) expected.AddRange(["stop-partition", "start-partition"]);
        expected.Add("stop-partition");
        Assert.That(recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F), Is.EqualTo(expected));
    }

    [Test]
    public async Task CrashAfterVote_NodeKillsItselfAfterAGrantedVote_SupervisorRestartsIt_ClusterRecovers()
    {
        var ct = ClusterFixture.Timeout(240);
        await using var cluster = await ClusterFixture.StartAsync(3, ct, failpoint: "crash-after-vote=0.5");
        await cluster.ArmFailpointAsync(ct);
        // Each election gives the failpoint one or two coin flips; kill leaders until a voter has crashed itself.
        string? crashed = null;
        for (var attempt = 0; attempt < 8 && crashed is null; attempt++)
        {
            crashed = await CrashedNodeAsync(cluster, ct);
            if (crashed is not null) break;
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60), ct);
            await cluster.KillAsync(leader, ct);
            await Task.Delay(1000, ct);
            await cluster.StartNodeAsync(leader, ct);
            await Task.Delay(2000, ct);
        }
        Assert.That(crashed, Is.Not.Null, "a node logged the failpoint, died and was started again in its container");

        await cluster.DisarmFailpointAsync(ct);
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60), ct);
        var statuses = await Task.WhenAll(cluster.Nodes.Select(n => cluster.StatusAsync(n, ct)));
        Assert.That(statuses.Select(s => s.Role), Has.Exactly(1).EqualTo("leader"), "the cluster works again after the self-inflicted crashes");
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty, "every node answers and no rule is left");
    }

    [Test]
    public async Task CrashBeforeFirstAppend_EveryNewLeaderDiesBeforeItsFirstEntryLeaves_NothingCommitsUntilDisarmed()
    {
        var ct = ClusterFixture.Timeout(240);
        await using var cluster = await ClusterFixture.StartAsync(3, ct, failpoint: "crash-before-first-append=1");
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60), ct);
        await Task.Delay(500, ct); // a heartbeat round: every node knows the leader's commit index
        var committedBefore = (await Task.WhenAll(cluster.Nodes.Select(n => cluster.StatusAsync(n, ct)))).Max(s => s.CommitIndex);
        await cluster.ArmFailpointAsync(ct);
        // The leader passed its first append (the no-op of its term) before the failpoint was armed: replace it.
        await cluster.KillAsync(leader, ct);
        await Task.Delay(1000, ct);
        await cluster.StartNodeAsync(leader, ct);

        string? crashed = null;
        for (var attempt = 0; attempt < 20 && crashed is null; attempt++)
        {
            await Task.Delay(1000, ct);
            crashed = await CrashedNodeAsync(cluster, ct);
        }
        Assert.That(crashed, Is.Not.Null, "a new leader logged the failpoint, died and was started again in its container");
        // Each new leader wrote its no-op to its own disk only: no entry of a new term reached a majority, so the
        // commit index cannot have moved on any node.
        var answering = (await Task.WhenAll(cluster.Nodes.Select(n => cluster.TryStatusAsync(n.Id, ct)))).OfType<RaftChaos.Controller.Targets.NodeStatus>().ToList();
        Assert.That(answering, Is.Not.Empty, "some node answers between the crashes");
        Assert.That(answering.Select(s => s.CommitIndex), Is.All.LessThanOrEqualTo(committedBefore),
            "no leader's first entry left it while the failpoint was armed");

        await cluster.DisarmFailpointAsync(ct);
        var settled = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60), ct);
        await Task.Delay(500, ct);
        var committedAfter = (await cluster.StatusAsync(settled, ct)).CommitIndex;
        Assert.That(committedAfter, Is.GreaterThan(committedBefore), "disarmed, the next leader commits its no-op");
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), ct), Is.Empty, "every node answers and no rule is left");
    }

    /// <summary>The id of a node whose log shows the failpoint firing, the supervisor's restart and a second recovery, or null.</summary>
    private static async Task<string?> CrashedNodeAsync(RaftCluster cluster, CancellationToken ct)
    {
        var logs = Path.Combine(Path.GetTempPath(), "raftchaos-failpoint-" + Guid.NewGuid().ToString("N"));
        try
        {
            await cluster.CollectLogsAsync(logs, ct);
            foreach (var node in cluster.Nodes)
            {
                var log = await File.ReadAllTextAsync(Path.Combine(logs, node.Id + ".log"), ct);
                if (!log.Contains("event=FailpointFired", StringComparison.Ordinal)) continue;
                var restarts = log.Split('\n').Count(line => line.Contains("event=NodeRestarted", StringComparison.Ordinal));
                var recoveries = log.Split('\n').Count(line => line.Contains("event=Recovered", StringComparison.Ordinal));
                TestContext.Out.WriteLine($"{node.Id}: failpoint fired, restarted by the supervisor {restarts} time(s), recovered {recoveries} time(s)");
                if (restarts > 0 && recoveries > restarts) return node.Id;
            }
            return null;
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
