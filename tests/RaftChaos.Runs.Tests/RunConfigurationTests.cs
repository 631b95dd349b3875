namespace RaftChaos.Runs.Tests;

public sealed class RunConfigurationTests
{
    [Test]
    public void ReplayCommand_Defaults_NamesOnlyTheCoreFlags()
    {
        var configuration = new RunConfiguration { Nodes = 3, Seed = 42 };

        Assert.That(configuration.ReplayCommand, Is.EqualTo("raftchaos run --nodes 3 --workload register --nemesis all --time-limit 60 --seed 42"));
    }

    [Test]
    public void ToArguments_EverySettingOffItsDefault_IsSpelledWithItsFlag()
    {
        var configuration = new RunConfiguration
        {
            Target = "etcd", Nodes = 5, Workload = "kv", Keys = 20, Nemesis = "partition,kill", NemesisIntervalSeconds = 4,
            TimeLimitSeconds = 90, Concurrency = 15, Rate = 150, TimeoutMs = 1_000, FollowLeader = false, Failpoint = "crash-after-vote=0.5",
            Unsafe = ["stale-reads", "forget-vote"], Seed = 9,
        };

        Assert.That(string.Join(' ', configuration.ToArguments()), Is.EqualTo(
            "run --target etcd --nodes 5 --workload kv --keys 20 --nemesis partition,kill --nemesis-interval 4s --time-limit 90 " +
            "--concurrency 15 --rate 150 --timeout 1000ms --no-follow-leader --failpoint crash-after-vote=0.5 --unsafe stale-reads,forget-vote --seed 9"));
    }

    [Test]
    public void ToArguments_FractionalSeconds_KeepTheirDigits()
    {
        var configuration = new RunConfiguration { TimeLimitSeconds = 0.5, NemesisIntervalSeconds = 2.25 };

        Assert.That(configuration.ToArguments(), Is.SupersetOf(new[] { "0.5", "2.25s" }));
    }
}
