using System.Net;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Faults;

/// <summary>The commands faults plan before touching a container: pure data, checked without Docker.</summary>
public sealed class PlanTests
{
    private static readonly IReadOnlyList<NodeTarget> Targets =
    [
        new("n1", "c1", IPAddress.Parse("10.213.7.10")),
        new("n2", "c2", IPAddress.Parse("10.213.7.11")),
        new("n3", "c3", IPAddress.Parse("10.213.7.12")),
    ];

    [Test]
    public void PartitionPlan_DropsThePeersAddresses_InOurChain()
    {
        var plan = IptablesPartition.Plan(Grudges.Isolate(["n1", "n2", "n3"], "n1"), Targets, "RAFTCHAOS");
        var scripts = plan.ToDictionary(c => c.NodeId, c => c.Command[2]);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Select(c => c.ContainerId), Is.EqualTo(new[] { "c1", "c2", "c3" }));
            Assert.That(scripts["n1"], Does.Contain("-A RAFTCHAOS -s 10.213.7.11/32 -j DROP").And.Contain("-A RAFTCHAOS -s 10.213.7.12/32 -j DROP"));
            Assert.That(scripts["n2"], Does.Contain("-s 10.213.7.10/32 -j DROP").And.Not.Contain("10.213.7.12"));
            Assert.That(scripts["n1"], Does.Contain("-I INPUT 1 -j RAFTCHAOS").And.Contain("-F RAFTCHAOS"), "chain, jump, flush before the rules");
        });
    }

    /// <summary>A cluster that spans engines: n1 and n3 on one host address, n2 on another, told apart by port.</summary>
    private static readonly IReadOnlyList<NodeTarget> SpanningTargets =
    [
        new("n1", "c1", IPAddress.Parse("10.213.7.10"), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 21001)),
        new("n2", "c2", IPAddress.Parse("10.213.8.11"), new IPEndPoint(IPAddress.Parse("192.0.2.9"), 21002)),
        new("n3", "c3", IPAddress.Parse("10.213.7.12"), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 21003)),
    ];

    [Test]
    public void PartitionPlan_SpanningEngines_CutsAtTheSenderByHostAndPort_BothWays()
    {
        // n2 ignores n1 only: n2 must not send to n1, and n1 must not send to n2; n3 keeps both links.
        var grudge = new Grudge(new Dictionary<string, IReadOnlySet<string>> { ["n2"] = new HashSet<string> { "n1" } });

        var scripts = IptablesPartition.Plan(grudge, SpanningTargets, "RAFTCHAOS").ToDictionary(c => c.NodeId, c => c.Command[2]);

        Assert.Multiple(() =>
        {
            Assert.That(scripts["n2"], Does.Contain("-A RAFTCHAOS -d 192.0.2.2/32 -p tcp --dport 21001 -j DROP").And.Not.Contain("21003"));
            Assert.That(scripts["n1"], Does.Contain("-A RAFTCHAOS -d 192.0.2.9/32 -p tcp --dport 21002 -j DROP"), "the ignored side stops sending too");
            Assert.That(scripts["n3"], Does.Not.Contain("DROP"));
            Assert.That(scripts.Values, Has.All.Contain("-I OUTPUT 1 -j RAFTCHAOS").And.All.Not.Contain("INPUT").And.All.Not.Contain("-s "));
        });
    }

    [Test]
    public void PartitionPlan_SomeTargetsPublishedSomeNot_Throws()
        => Assert.Throws<ArgumentException>(() => IptablesPartition.Plan(Grudge.None, [SpanningTargets[0], Targets[1]], "RAFTCHAOS"));

    [Test]
    public void PartitionPlan_EmptyGrudge_OnlyFlushes()
        => Assert.That(IptablesPartition.Plan(Grudge.None, Targets, "RAFTCHAOS").Select(c => c.Command[2]), Has.All.Not.Contain("DROP"));

    [Test]
    public void PartitionPlan_UnknownNode_Throws()
        => Assert.Throws<ArgumentException>(() => IptablesPartition.Plan(Grudges.Isolate(["n1", "n9"], "n9"), Targets, "RAFTCHAOS"));

    [Test]
    public void HealPlan_FlushesEveryTarget()
        => Assert.That(IptablesPartition.PlanHeal(Targets, "RAFTCHAOS").Select(c => c.Command[2]), Has.All.Contain("iptables -w -F RAFTCHAOS"));

    [Test]
    public void PartitionOptions_BadChain_Throws()
        => Assert.Throws<ArgumentException>(() => new IptablesPartitionOptions { Chain = "bad chain; rm -rf /" }.Validate());

    [TestCase(5.0, "+5.000")]
    [TestCase(-3.0, "-3.000")]
    [TestCase(0.25, "+0.250")]
    [TestCase(86400.0, "+86400.000")]
    public void ClockSkew_Bump_Spec(double seconds, string spec)
        => Assert.That(ClockSkew.Bump(TimeSpan.FromSeconds(seconds)).ToFaketimeSpec(), Is.EqualTo(spec));

    [Test]
    public void ClockSkew_OtherSpecs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClockSkew.None.ToFaketimeSpec(), Is.EqualTo("+0.000"));
            Assert.That(ClockSkew.Skew(2).ToFaketimeSpec(), Is.EqualTo("+0.000 x2"));
            Assert.That(ClockSkew.Skew(0.5, TimeSpan.FromSeconds(-1)).ToFaketimeSpec(), Is.EqualTo("-1.000 x0.5"));
            Assert.That(ClockSkew.StartingAt(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))).ToFaketimeSpec(), Is.EqualTo("@2030-01-02 01:04:05"));
        });
    }

    [TestCase(0.0), TestCase(-1.0), TestCase(double.NaN)]
    public void ClockSkew_BadRate_Throws(double rate)
        => Assert.Throws<ArgumentOutOfRangeException>(() => ClockSkew.Skew(rate));

    [Test]
    public void FaketimePlan_WritesAtomically_WithArgumentsNotSplicedIntoTheScript()
    {
        var command = FaketimeClock.PlanWrite(ClockSkew.Bump(TimeSpan.FromSeconds(5)), new FaketimeOptions());
        Assert.Multiple(() =>
        {
            Assert.That(command[2], Does.Contain("mv -f").And.Not.Contain("+5.000"));
            Assert.That(command.Skip(3), Is.EqualTo(new[] { "sh", "/etc/raftchaos/faketime", "+5.000" }));
        });
    }

    [Test]
    public void FaketimePlan_RateWithoutFakeMonotonic_IsRefused()
        => Assert.Throws<NotSupportedException>(() => FaketimeClock.PlanWrite(ClockSkew.Skew(2), new FaketimeOptions { FakeMonotonic = false }));

    [Test]
    public void FaketimeEnvironment_Defaults()
        => Assert.That(new FaketimeOptions().ContainerEnvironment(), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            ["FAKETIME_TIMESTAMP_FILE"] = "/etc/raftchaos/faketime",
            ["FAKETIME_CACHE_DURATION"] = "0",
            ["FAKETIME_XRESET"] = "1",
        }));

    [Test]
    public void FaketimeEnvironment_RealMonotonic_AlsoTurnsOffTheMonotonicFix()
    {
        var env = new FaketimeOptions { FakeMonotonic = false }.ContainerEnvironment();
        Assert.Multiple(() =>
        {
            Assert.That(env["FAKETIME_DONT_FAKE_MONOTONIC"], Is.EqualTo("1"));
            Assert.That(env["FAKETIME_FORCE_MONOTONIC_FIX"], Is.EqualTo("0"));
        });
    }
}
