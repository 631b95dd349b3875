using System.Net;
using RaftChaos.Controller.Checks;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;
using RaftChaos.Raft;

namespace RaftChaos.Controller.Tests.Targets;

/// <summary>Our node as a target: the container spec it asks for, node by node, in each configuration.</summary>
public sealed class RaftChaosTargetTests
{
    private static ClusterLayout Layout(FaketimeOptions? faketime = null) => new("run1",
        [(new NodeSlot("n1", 0), IPAddress.Parse("10.213.7.10")), (new NodeSlot("n2", 1), IPAddress.Parse("10.213.7.11")),
         (new NodeSlot("n3", 2), IPAddress.Parse("10.213.7.12"))],
        "raftchaos/node:abc", 7, faketime);

    [Test]
    public void NodeContainer_Defaults_TheNodesCommandLineOnItsOwnEntrypoint()
    {
        var spec = new RaftChaosTarget().NodeContainer(new NodeSlot("n2", 1), Layout());

        Assert.Multiple(() =>
        {
            Assert.That(spec.Image, Is.EqualTo("raftchaos/node:abc"));
            Assert.That(spec.Command, Is.EqualTo(new[] { "--id", "n2", "--peers", "n1=10.213.7.10:5000,n2=10.213.7.11:5000,n3=10.213.7.12:5000",
                "--listen", "0.0.0.0:5000", "--data-dir", "/data", "--disk-fault-file", RaftChaosTarget.DiskFaultFile }));
            Assert.That(spec.Environment, Is.Empty, "no clock faults asked: no libfaketime");
            Assert.That((spec.Entrypoint, spec.Init, spec.RestartOnFailure, spec.Failpoints), Is.EqualTo(((IReadOnlyList<string>?)null, false, false, (FailpointSwitch?)null)));
            Assert.That(spec.DataDirectory, Is.EqualTo("/data"));
        });
    }

    [Test]
    public void NodeContainer_SpanningEngines_PeersAtTheirHostAddressAndPublishedPort()
    {
        var layout = Layout() with
        {
            PublishedPeers = [new(IPAddress.Parse("192.0.2.2"), 21001), new(IPAddress.Parse("192.0.2.9"), 21002), new(IPAddress.Parse("192.0.2.2"), 21003)],
        };

        var spec = new RaftChaosTarget().NodeContainer(new NodeSlot("n1", 0), layout);

        Assert.That(spec.Command.SkipWhile(a => a != "--peers").Skip(1).First(), Is.EqualTo("n1=192.0.2.2:21001,n2=192.0.2.9:21002,n3=192.0.2.2:21003"));
        Assert.That(new RaftChaosTarget().PeerPort, Is.EqualTo(RaftChaosTarget.NodePort), "one listener for clients and peers");
    }

    [Test]
    public void NodeContainer_BugsTimingsAndFailpoint_TypedOptionsBecomeFlags_UnderTheSupervisor()
    {
        var target = new RaftChaosTarget(new RaftChaosTargetOptions
        {
            Unsafe = UnsafeBug.ForgetVote | UnsafeBug.StaleReads,
            Failpoint = new FailpointSpec(FailpointSpec.CrashAfterVote, 0.5),
            TickMs = 10,
            ElectionTicks = 20,
            HeartbeatTicks = 3,
        });

        var spec = target.NodeContainer(new NodeSlot("n3", 2), Layout());

        Assert.Multiple(() =>
        {
            Assert.That(spec.Command.Skip(10), Is.EqualTo(new[] { "--unsafe", "stale-reads,forget-vote", "--tick-ms", "10", "--election-ticks", "20",
                "--heartbeat-ticks", "3", "--failpoint", "crash-after-vote=0.5", "--failpoint-seed", "9", "--failpoint-file", RaftChaosTarget.FailpointArmFile }),
                "node i's coins come from the run's seed + i");
            Assert.That(spec.Entrypoint!.Take(2), Is.EqualTo(new[] { "/bin/sh", "-c" }));
            Assert.That(spec.Entrypoint[2], Does.Contain("[ \"$status\" -eq 137 ]"), "the supervisor restarts only a SIGKILLed node");
            Assert.That((spec.Init, spec.RestartOnFailure), Is.EqualTo((true, true)));
            Assert.That(spec.Failpoints!.Arm, Does.Contain(RaftChaosTarget.FailpointArmFile));
            Assert.That(spec.Failpoints.Disarm, Is.EqualTo(new[] { "rm", "-f", RaftChaosTarget.FailpointArmFile }));
        });
    }

    [Test]
    public void NodeContainer_LayoutWithFaketime_RunsTheNodeUnderLibfaketime()
    {
        var faketime = new FaketimeOptions();

        var spec = new RaftChaosTarget().NodeContainer(new NodeSlot("n1", 0), Layout(faketime));

        Assert.That(spec.Environment, Is.EquivalentTo(faketime.ContainerEnvironment()));
    }

    [Test]
    public void Target_OurNode_EveryCapability_AndItsThreeLogChecks()
    {
        var target = new RaftChaosTarget();

        Assert.Multiple(() =>
        {
            Assert.That(target.Name, Is.EqualTo("raftchaos"));
            Assert.That(target.Capabilities, Is.EqualTo(TargetCapabilities.Kill | TargetCapabilities.Pause | TargetCapabilities.Clock
                | TargetCapabilities.LeaderDiscovery | TargetCapabilities.Failpoints | TargetCapabilities.Disk | TargetCapabilities.Membership));
            Assert.That(target.NodeLogChecks.Select(c => c.GetType()), Is.EqualTo(new[] { typeof(ElectionSafetyCheck), typeof(StateMachineSafetyCheck), typeof(MembershipSafetyCheck) }));
        });
    }

    [Test]
    public void Constructor_InvalidTiming_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new RaftChaosTarget(new RaftChaosTargetOptions { ElectionTicks = 0 }));

    [Test]
    public void Find_KnownAndUnknownNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SystemsUnderTest.Find("raftchaos"), Is.InstanceOf<RaftChaosTarget>());
            Assert.That(SystemsUnderTest.Find("etcd"), Is.InstanceOf<EtcdTarget>());
            Assert.That(SystemsUnderTest.Find("zookeeper"), Is.Null);
            Assert.That(SystemsUnderTest.Names, Is.EqualTo(new[] { "etcd", SystemsUnderTest.DefaultName }));
        });
    }
}
