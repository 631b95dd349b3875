using System.Net;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Tests.Fakes;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Faults;

/// <summary>The netem fault planned as data: the rules per link, the order that keeps packets from waiting on a queue nobody serves, the seeded choices.</summary>
public sealed class NetemPlanTests
{
    private static readonly IReadOnlyList<NodeTarget> Targets =
    [
        new("n1", "c1", IPAddress.Parse("10.213.7.10")),
        new("n2", "c2", IPAddress.Parse("10.213.7.11")),
        new("n3", "c3", IPAddress.Parse("10.213.7.12")),
    ];

    [Test]
    public void Plan_OneLink_DropsTeesAndQueues_OnlyTowardsThePeer()
    {
        var spec = new NetemSpec(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(10), 0.2, 0.1, Seed: 42);
        var script = IptablesNetem.Plan("n1", [new NetemLink("n1", "n3", spec)], Targets)[2];
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("-A RAFTCHAOS-NETEM -d 10.213.7.12/32 -m statistic --mode random --probability 0.2 -j DROP"));
            Assert.That(script, Does.Contain("-A RAFTCHAOS-NETEM -d 10.213.7.12/32 -m statistic --mode random --probability 0.1 -j TEE --gateway 10.213.7.12"));
            Assert.That(script, Does.Contain("--queue 1002 --delay-ms 80 --jitter-ms 10 --seed 42"));
            Assert.That(script, Does.Contain("-A RAFTCHAOS-NETEM -d 10.213.7.12/32 -j NFQUEUE --queue-num 1002 --queue-bypass"));
            Assert.That(script, Does.Not.Contain("10.213.7.11"), "n1 -> n2 untouched");
            Assert.That(script.IndexOf("grep -q '^bound'", StringComparison.Ordinal), Is.LessThan(script.IndexOf("-j NFQUEUE", StringComparison.Ordinal)),
                "the delayer is bound before its queue gets packets");
            Assert.That(script.IndexOf("-F RAFTCHAOS-NETEM", StringComparison.Ordinal), Is.LessThan(script.IndexOf("pkill", StringComparison.Ordinal)),
                "old rules go before old delayers");
        });
    }

    [Test]
    public void Plan_LossOnly_StartsNoDelayer()
    {
        var script = IptablesNetem.Plan("n2", [new NetemLink("n2", "n1", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0))], Targets)[2];
        Assert.That(script, Does.Not.Contain("NFQUEUE").And.Not.Contain("--delay-ms"));
    }

    [Test]
    public void Plan_LinksOfOtherNodes_AreLeftOut()
        => Assert.That(IptablesNetem.Plan("n2", [new NetemLink("n1", "n3", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0))], Targets)[2], Does.Not.Contain("-A "));

    [TestCase(-1, 0, 0.1, 0, "delay")]
    [TestCase(0, 0, 1.5, 0, "loss")]
    [TestCase(0, 0, 0, -0.1, "duplicate")]
    [TestCase(0, 0, 0, 0, "must delay, drop or duplicate something, or limit the bandwidth")]
    public void Plan_BadSpec_ThrowsNamingTheLinkAndParameter(int delayMs, int jitterMs, double loss, double duplicate, string named)
    {
        var link = new NetemLink("n1", "n2", new NetemSpec(TimeSpan.FromMilliseconds(delayMs), TimeSpan.FromMilliseconds(jitterMs), loss, duplicate));
        var error = Assert.Throws<ArgumentException>(() => IptablesNetem.Plan("n1", [link], Targets));
        Assert.That(error!.Message, Does.Contain("n1->n2").And.Contain(named));
    }

    [Test]
    public void Plan_Bandwidth_OneLink_AClassAndTokenBucketForThePeerOnly()
    {
        var script = IptablesNetem.Plan("n1", [new NetemLink("n1", "n3", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, 0, RateKbit: 256))], Targets)[2];
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("tc qdisc add dev eth0 root handle 1: htb default 0 direct_qlen 1000"), "unclassified traffic (clients, other peers) goes straight out");
            Assert.That(script, Does.Contain("tc class add dev eth0 parent 1: classid 1:3 htb rate 256kbit ceil 256kbit"));
            Assert.That(script, Does.Contain("tc qdisc add dev eth0 parent 1:3 tbf rate 256kbit burst 4000 latency 200ms"));
            Assert.That(script, Does.Contain("tc filter add dev eth0 parent 1: protocol ip prio 1 u32 match ip dst 10.213.7.12/32 flowid 1:3"));
            Assert.That(script, Does.Not.Contain("10.213.7.11"), "n1 -> n2 untouched");
            Assert.That(script, Does.Not.Contain("NFQUEUE").And.Not.Contain("-j DROP"), "a rate alone neither delays nor drops by rule");
            Assert.That(script.IndexOf("tc qdisc del dev eth0 root", StringComparison.Ordinal), Is.LessThan(script.IndexOf("htb default 0", StringComparison.Ordinal)),
                "the old limits go before the new ones");
        });
    }

    [Test]
    public void Plan_FastLink_BucketHoldsTenMillisecondsOfTheRate()
        => Assert.That(IptablesNetem.Plan("n2", [new NetemLink("n2", "n1", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, 0, RateKbit: 100_000))], Targets)[2],
            Does.Contain("classid 1:1 htb rate 100000kbit").And.Contain("tbf rate 100000kbit burst 125000 latency 200ms"));

    [Test]
    public void Plan_NoBandwidth_RemovesOldLimitsAndAddsNone()
    {
        var script = IptablesNetem.Plan("n1", [new NetemLink("n1", "n2", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0))], Targets)[2];
        Assert.That(script, Does.Contain("tc qdisc del dev eth0 root").And.Not.Contain("htb"));
    }

    [TestCase(-1)]
    [TestCase(NetemSpec.MaxRateKbit + 1)]
    public void Plan_BadRate_ThrowsNamingTheLinkAndRate(long rateKbit)
    {
        var link = new NetemLink("n1", "n2", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.1, 0, RateKbit: rateKbit));
        var error = Assert.Throws<ArgumentException>(() => IptablesNetem.Plan("n1", [link], Targets));
        Assert.That(error!.Message, Does.Contain("n1->n2").And.Contain("netem rate"));
    }

    [Test]
    public void Plan_UnknownPeer_Throws()
        => Assert.Throws<ArgumentException>(() => IptablesNetem.Plan("n1", [new NetemLink("n1", "n9", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0))], Targets));

    [Test]
    public void HealAndList_StopDelayersAndReadRulesBack()
        => Assert.Multiple(() =>
        {
            Assert.That(IptablesNetem.PlanHeal()[2], Does.Contain("iptables -w -F RAFTCHAOS-NETEM").And.Contain("pkill -x RaftChaos.Netem")
                .And.Contain("tc qdisc del dev eth0 root"));
            Assert.That(IptablesNetem.PlanList()[2], Does.Contain("iptables -w -S RAFTCHAOS-NETEM").And.Contain("pgrep -x RaftChaos.Netem")
                .And.Contain("tc qdisc show dev eth0"));
        });

    [Test]
    public void NemesisPlan_SameSeed_SameFault_AndWithinBounds()
    {
        var options = new NemesisOptions();
        for (var seed = 0; seed < 200; seed++)
        {
            var first = NetemNemesis.Plan(["n1", "n2", "n3"], new Random(seed), options, out var scope, out var effect);
            var again = NetemNemesis.Plan(["n1", "n2", "n3"], new Random(seed), options, out _, out _);
            Assert.That(again, Is.EqualTo(first), $"seed {seed}");
            Assert.That(first, Has.Count.EqualTo(scope == "node" ? 4 : 1), $"seed {seed}: {scope}");
            Assert.That(first.Select(l => l.Spec.Validate()), Has.All.Empty, $"seed {seed} {effect}");
            Assert.That(first.Select(l => l.Spec.Delay), Has.All.LessThanOrEqualTo(options.NetemDelayBound));
            Assert.That(first.Select(l => Math.Max(l.Spec.Loss, l.Spec.Duplicate)), Has.All.LessThanOrEqualTo(options.NetemLossBound));
            Assert.That(first.Select(l => l.Spec.LimitsRate), Has.All.EqualTo(effect == "bandwidth"), $"seed {seed} {effect}: only the bandwidth effect limits the rate");
            Assert.That(first.Where(l => l.Spec.LimitsRate).Select(l => l.Spec.RateKbit),
                Has.All.InRange(options.NetemRateFloorKbit, options.NetemRateFloorKbit * 16), $"seed {seed}");
            Assert.That(first.Select(l => l.From), Has.None.EqualTo(null));
            Assert.That(first.All(l => l.From != l.To), Is.True);
        }
    }

    [Test]
    public void NemesisPlan_CoversEveryScopeAndEffect()
    {
        var seen = Enumerable.Range(0, 100).Select(seed =>
        {
            NetemNemesis.Plan(["n1", "n2", "n3"], new Random(seed), new NemesisOptions(), out var scope, out var effect);
            return (scope, effect);
        }).ToHashSet();
        Assert.That(seen.Select(s => s.scope).Distinct(), Is.EquivalentTo(NetemNemesis.Scopes));
        Assert.That(seen.Select(s => s.effect).Distinct(), Is.EquivalentTo(NetemNemesis.Effects));
    }

    [Test]
    public async Task Nemesis_StartAndStop_RecordTheLinksAndHealEverything()
    {
        var cluster = new FakeCluster(3);
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(4), recorder);
        var nemesis = new NetemNemesis(new NemesisOptions());

        await nemesis.StartAsync(context, CancellationToken.None);
        var during = cluster.ActiveFaults.Netem;
        await nemesis.StopAsync(context, CancellationToken.None);

        var events = recorder.Events.Where(e => e.Process.IsNemesis).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(during, Is.Not.Null.And.Not.Empty);
            Assert.That(events.Select(e => e.F), Is.EqualTo(new[] { "start-netem", "stop-netem" }));
            Assert.That(events[0].Value.ToJson(), Does.Contain($"\"{during![0].Name}\":{{\"delayMs\""));
            Assert.That(cluster.ActiveFaults.IsEmpty, Is.True);
            Assert.That(nemesis.Active, Is.Null);
        });
    }
}
