using RaftChaos.Checker;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Testing.NUnit;
using RaftChaos.Workloads;

namespace RaftChaos.Samples.ChaosTests;

/// <summary>The chaos test of the RaftChaos.Testing.NUnit README: three nodes, partitions and kills, a register workload.</summary>
public sealed class RegisterUnderFaultsTests : RaftClusterFixture
{
    protected override RaftClusterBuilder Configure(RaftClusterBuilder builder)
        => builder.WithNodes(3).WithSeed(7).WithNemesis(new NemesisOptions { Kinds = ["partition", "kill"], Interval = TimeSpan.FromSeconds(5) });

    [Test]
    public async Task Register_UnderPartitionsAndKills_IsLinearizable()
    {
        var run = await Cluster.RunWorkloadAsync(new WorkloadOptions { Rate = 50, Concurrency = 4 }, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Valid), string.Join("\n", run.Check.FailingKeys.Select(k => k.ToString())));
        // The faults really happened: the nemesis events are in the same history as the client operations.
        Assert.That(run.History.Operations.Count(o => o.Status == Checker.History.OperationStatus.Ok), Is.GreaterThan(0));
    }
}
