using RaftChaos.Cli;

namespace RaftChaos.Nightly.Tests.Cli;

public sealed class NightlyCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task DryRun_PrintsPlanWithReplayCommands()
    {
        var (exit, output, _) = await Invoke("nightly", "--dry-run", "--runs", "2", "--nodes", "3", "--workloads", "register",
            "--matrix", "--matrix-bugs", "stale-reads", "--matrix-seeds", "1", "--seed", "42", "--time-limit", "15");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("seed 42, 3 runs"));
        Assert.That(output, Does.Contain("01-n3-register-all\traftchaos run --nodes 3 --workload register --nemesis all --time-limit 15 --seed 876098698"));
        Assert.That(output, Does.Contain("m01-stale-reads-s1\traftchaos run --nodes 3 --workload register --nemesis partition --time-limit 15 --unsafe stale-reads --seed 979859431"));
    }

    [Test]
    public async Task DryRun_RepeatedNemesis_EachIsASet()
    {
        var (exit, output, _) = await Invoke("nightly", "--dry-run", "--runs", "2", "--nodes", "3", "--workloads", "kv",
            "--nemesis", "partition,kill", "--nemesis", "clock", "--seed", "1");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("01-n3-kv-partition_kill\t").And.Contain("--nemesis partition,kill"));
        Assert.That(output, Does.Contain("02-n3-kv-clock\t"));
    }

    [Test]
    public async Task DryRun_TargetEtcd_EveryRunReplaysAgainstEtcd()
    {
        var (exit, output, _) = await Invoke("nightly", "--dry-run", "--target", "etcd", "--runs", "2", "--nodes", "3", "--workloads", "register",
            "--nemesis", "partition,kill,pause,swap-leader", "--seed", "1");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("01-n3-register-partition_kill_pause_swap-leader\traftchaos run --target etcd --nodes 3 --workload register"));
    }

    [Test]
    public async Task TargetEtcd_ClockInANemesisSet_Exit64BeforeAnyRun()
    {
        var (exit, _, error) = await Invoke("nightly", "--dry-run", "--target", "etcd", "--runs", "2", "--nemesis", "partition", "--nemesis", "all");
        Assert.That(exit, Is.EqualTo(64), error);
        Assert.That(error, Does.StartWith("raftchaos nightly: --nemesis all: --nemesis clock: the target 'etcd' cannot take it"));
    }

    [TestCase("--nodes", "three")]
    [TestCase("--workloads", "bank")]
    [TestCase("--nemesis", "flood")]
    [TestCase("--matrix-bugs", "nope")]
    [TestCase("--time-limit", "0")]
    [TestCase("--runs", "-1")]
    [TestCase("--target", "zookeeper")]
    [TestCase("--bogus", "1")]
    public async Task BadFlag_Exit64(string flag, string value)
    {
        var (exit, _, error) = await Invoke("nightly", "--dry-run", flag, value);
        Assert.That(exit, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain("raftchaos nightly"));
    }
}
