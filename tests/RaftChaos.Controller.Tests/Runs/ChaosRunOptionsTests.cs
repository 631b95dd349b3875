using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Runs;
using RaftChaos.Controller.Targets;
using RaftChaos.Controller.Tests.Fakes;
using RaftChaos.Node.Client;
using RaftChaos.Raft;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class ChaosRunOptionsTests
{
    [Test]
    public void ToConfiguration_TypedSwitches_SpelledAsTheFlagsTakeThem()
    {
        var options = new ChaosRunOptions { Failpoint = new FailpointSpec("crash-after-vote", 0.5), Unsafe = UnsafeBug.ForgetVote | UnsafeBug.CommitOldTerm };

        var configuration = options.ToConfiguration();

        Assert.That(options.Validate(), Is.Empty);
        Assert.That(configuration.Unsafe, Is.EqualTo(new[] { "forget-vote", "commit-old-term" }));
        Assert.That(configuration.Failpoint, Is.EqualTo("crash-after-vote=0.5"));
    }

    [Test]
    public void Validate_NemesisTheTargetCannotTake_RefusedBeforeAnyContainer()
    {
        var options = new ChaosRunOptions
        {
            Target = new EtcdTarget(),
            Nemesis = new NemesisOptions { Kinds = ["partition", "kill", "pause", "clock", "slow-leader", "swap-leader"] },
        };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "--nemesis clock: the target 'etcd' cannot take it (it needs Clock; the target supports Kill, Pause, LeaderDiscovery, Append and partitions; clock faults work through libfaketime, which cannot move the clock of a process that reads it without libc, as a Go program such as etcd does)",
            "--nemesis slow-leader: the target 'etcd' cannot take it (it needs Clock; the target supports Kill, Pause, LeaderDiscovery, Append and partitions; clock faults work through libfaketime, which cannot move the clock of a process that reads it without libc, as a Go program such as etcd does)",
        }));
    }

    [Test]
    public void Validate_SpanningEngines_NetemAndTooFewNodesRefused()
    {
        var options = new ChaosRunOptions
        {
            Nodes = 1,
            Cluster = new ClusterOptions { Engines = [EngineEndpoint.Parse("unix:///var/run/docker.sock"), EngineEndpoint.Parse("unix:///var/run/docker2.sock")] },
            Nemesis = new NemesisOptions { Kinds = ["partition", "netem"] },
        };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "--nemesis netem: not on a cluster that spans engines (its rules match a peer by address alone, which several nodes share there); give one engine or leave netem out",
            "--engines: 1 node(s) cannot span 2 engines; give at least one node per engine",
        }));
    }

    [Test]
    public void Validate_SpanningEngines_TargetWithoutPeerPortRefused()
    {
        var options = new ChaosRunOptions
        {
            Target = new StubTarget("stub", TargetCapabilities.None),
            Cluster = new ClusterOptions { Engines = [EngineEndpoint.Parse("unix:///var/run/docker.sock"), EngineEndpoint.Parse("unix:///var/run/docker2.sock")] },
        };

        Assert.That(options.Validate(), Does.Contain("--engines: target 'stub' names no peer port, so its nodes cannot be told where peers on another engine listen; give one engine"));
    }

    [Test]
    public void Validate_OurNodesSwitchesWithAnotherTarget_Refused()
    {
        var errors = new ChaosRunOptions { Target = new StubTarget("etcd", TargetCapabilities.Kill), Unsafe = UnsafeBug.ForgetVote }.Validate();

        Assert.That(errors, Has.One.EqualTo("--unsafe and --failpoint are switches of target raftchaos; target 'etcd' has none"));
    }

    [Test]
    public void EffectiveTarget_OurNode_GetsTheRunsBugsAndFailpoint_KeepingItsOtherOptions()
    {
        var options = new ChaosRunOptions
        {
            Target = new RaftChaosTarget(new RaftChaosTargetOptions { Image = "raftchaos/node:abc", TickMs = 10 }),
            Unsafe = UnsafeBug.ForgetVote,
            Failpoint = new FailpointSpec("crash-after-vote", 0.5),
        };

        var target = (RaftChaosTarget)options.EffectiveTarget;

        Assert.That(target.Options, Is.EqualTo(new RaftChaosTargetOptions
        {
            Image = "raftchaos/node:abc",
            TickMs = 10,
            Unsafe = UnsafeBug.ForgetVote,
            Failpoint = new FailpointSpec("crash-after-vote", 0.5),
            ImageOptions = ((RaftChaosTarget)options.Target).Options.ImageOptions,
        }));
    }
}
