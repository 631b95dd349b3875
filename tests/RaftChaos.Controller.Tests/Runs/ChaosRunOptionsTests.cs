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
    public void Validate_KnownFailpointAndBugs_NoError()
    {
        var options = new ChaosRunOptions { Failpoint = "crash-after-vote=0.5", Unsafe = ["forget-vote", "commit-old-term"] };

        Assert.That(options.Validate(), Is.Empty);
    }

    [TestCase("crash-after-vote=0", "--failpoint: 'crash-after-vote=0': give a probability after '=', greater than 0 and at most 1")]
    [TestCase("crash-after-vote=NaN", "greater than 0 and at most 1")]
    [TestCase("crash-before-vote=0.5", "--failpoint: unknown failpoint 'crash-before-vote' (known: crash-after-vote=P, crash-before-first-append=P)")]
    public void Validate_BadFailpoint_SaysWhatTheNodeWouldSay(string failpoint, string expected)
    {
        var errors = new ChaosRunOptions { Failpoint = failpoint }.Validate();

        Assert.That(errors, Has.One.Contains(expected));
    }

    [Test]
    public void Validate_UnknownBug_ListsTheCoresNames()
    {
        var errors = new ChaosRunOptions { Unsafe = ["forget-votes"] }.Validate();

        Assert.That(errors, Has.One.EqualTo("--unsafe: unknown switch 'forget-votes'; one of stale-reads, lease-reads, forget-vote, commit-old-term, ack-before-persist, continue-after-fsync-error"));
    }

    [Test]
    public void Validate_NemesisTheTargetCannotTake_RefusedBeforeAnyContainer()
    {
        var options = new ChaosRunOptions
        {
            Target = new StubTarget("etcd", TargetCapabilities.Kill | TargetCapabilities.Pause | TargetCapabilities.LeaderDiscovery),
            Nemesis = new NemesisOptions { Kinds = ["partition", "kill", "clock", "slow-leader"] },
        };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "--nemesis clock: the target 'etcd' cannot take it (it needs Clock; the target supports Kill, Pause, LeaderDiscovery and partitions)",
            "--nemesis slow-leader: the target 'etcd' cannot take it (it needs Clock; the target supports Kill, Pause, LeaderDiscovery and partitions)",
        }));
    }

    [Test]
    public void Validate_OurNodesSwitchesWithAnotherTarget_Refused()
    {
        var errors = new ChaosRunOptions { Target = new StubTarget("etcd", TargetCapabilities.Kill), Unsafe = ["forget-vote"] }.Validate();

        Assert.That(errors, Has.One.EqualTo("--unsafe and --failpoint are switches of target raftchaos; target 'etcd' has none"));
    }

    [Test]
    public void EffectiveTarget_OurNode_GetsTheRunsBugsAndFailpoint_KeepingItsOtherOptions()
    {
        var options = new ChaosRunOptions
        {
            Target = new RaftChaosTarget(new RaftChaosTargetOptions { Image = "raftchaos/node:abc", TickMs = 10 }),
            Unsafe = ["forget-vote"],
            Failpoint = "crash-after-vote=0.5",
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
