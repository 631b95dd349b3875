using RaftChaos.Checker;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Runs;
using RaftChaos.Controller.Targets;
using RaftChaos.Controller.Tests.Docker.Runs;
using RaftChaos.Workloads;

namespace RaftChaos.Controller.Tests.Docker.Etcd;

/// <summary>A short whole chaos run against etcd: the bed reaches a verdict with etcd's own checks.</summary>
[TestFixture, Category("Docker")]
public sealed class EtcdChaosRunTests : RunStoreTest
{
    [Test]
    public async Task RunAsync_PartitionKillPause_ReachesAVerdictWithEtcdsChecks()
    {
        DockerEnvironment.RequireEngine();
        var options = new ChaosRunOptions
        {
            Nodes = 3,
            // 24 s fit three faults when heals were quick; a slow heal now shifts the later faults (each keeps its full hold),
            // and under load a kill's heal took 3 s and left no room for the third: 4 s of slack per kind, as in the
            // every-kind run test.
            TimeLimit = TimeSpan.FromSeconds(36),
            Seed = 7,
            StoreRoot = Store,
            Target = new EtcdTarget(),
            Workload = new WorkloadOptions { Workload = "register", Rate = 100, Concurrency = 10, Timeout = TimeSpan.FromSeconds(2) },
            // 7 s apart after the 2 s lead-in: three faults, one of each kind in a seeded order.
            Nemesis = new NemesisOptions { Kinds = ["partition", "kill", "pause"], Interval = TimeSpan.FromSeconds(7) },
            Cluster = new ClusterOptions { RunId = DockerEnvironment.NewRunId() },
        };

        var result = await new ChaosRun(options).RunAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        TestContext.Out.WriteLine($"{result.Verdict}: ok {result.Record.Counts.Ok} fail {result.Record.Counts.Fail} info {result.Record.Counts.Info}, " +
            $"nemesis events {result.Record.Counts.NemesisEvents}, {result.Directory}");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Valid), $"etcd judged non-linearizable: a bed bug until shown otherwise; see {result.Directory}");
        Assert.That(result.Record.Configuration.Target, Is.EqualTo("etcd"));
        Assert.That(result.Record.Checks.Select(c => c.Name), Is.EqualTo(new[] { "linearizability", "election-safety" }));
        Assert.That(result.Record.Counts.Ok, Is.GreaterThanOrEqualTo(50));
        Assert.That(result.Record.Counts.NemesisEvents, Is.GreaterThanOrEqualTo(6), "three faults started and healed");
        Assert.That(result.Record.HealProblems, Is.Empty);
        Assert.That(result.Record.Failover?.Terms, Is.GreaterThanOrEqualTo(1), "the status probe discovered leaders");
        var logs = await File.ReadAllTextAsync(Path.Combine(result.Directory, "nodes", "n1.log"));
        Assert.That(logs, Does.Contain("elected leader").Or.Contain("became leader"), "etcd's raft lines the election check reads");
    }
}
