namespace RaftChaos.Cli.Tests;

/// <summary>`raftchaos run` flags that are refused before any engine is asked (no Docker needed).</summary>
public sealed class RunCommandTests
{
    [Test]
    public async Task Run_FollowLeaderAndNoFollowLeader_UsageError()
    {
        var run = await CliRun.InvokeAsync("run", "--follow-leader", "--no-follow-leader", "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain("--follow-leader and --no-follow-leader exclude each other"));
    }
}
