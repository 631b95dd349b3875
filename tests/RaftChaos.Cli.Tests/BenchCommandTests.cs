namespace RaftChaos.Cli.Tests;

/// <summary><c>raftchaos bench</c>'s two modes: a running cluster (--nodes) or fresh clusters of named systems (--target); usage errors need no engine.</summary>
public sealed class BenchCommandTests
{
    [TestCase]
    [TestCase("--nodes", "127.0.0.1:9", "--target", "etcd")]
    [TestCase("--target", "etcd,zookeeper")]
    [TestCase("--target", "raftchaos,etcd", "--pairs", "0")]
    [TestCase("--target", "raftchaos,etcd", "--kills", "-1")]
    public async Task Bench_NeitherOrBothModesOrBadTargetSettings_IsAUsageError(params string[] args)
    {
        var run = await CliRun.InvokeAsync(["bench", .. args]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }
}
