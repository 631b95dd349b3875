using RaftChaos.Controller.Runs;
using RaftChaos.Controller.Targets;
using RaftChaos.Workloads;

namespace RaftChaos.Controller.Tests.Runs;

/// <summary>Which workload a chaos run hands its runner: appends in kv runs against a target whose client does them.</summary>
public sealed class ChaosRunWorkloadTests
{
    [TestCase("kv", "etcd", true)]
    [TestCase("kv", "raftchaos", false)]
    [TestCase("register", "etcd", false)]
    public void WorkloadFor_AppendsOnlyForKvAgainstATargetWithAppends(string workload, string target, bool appends)
    {
        var options = new ChaosRunOptions { Seed = 11, Workload = new WorkloadOptions { Workload = workload } };

        var chosen = ChaosRun.WorkloadFor(options, SystemsUnderTest.Find(target)!.Capabilities);

        Assert.That((chosen.Appends, chosen.Seed), Is.EqualTo((appends, 11)));
    }
}
