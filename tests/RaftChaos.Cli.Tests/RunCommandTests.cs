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

    [TestCase("crash-after-vote=0", "--failpoint: 'crash-after-vote=0': give a probability after '=', greater than 0 and at most 1")]
    [TestCase("crash-after-vote=NaN", "greater than 0 and at most 1")]
    [TestCase("crash-before-vote=0.5", "--failpoint: unknown failpoint 'crash-before-vote' (known: crash-after-vote=P, crash-before-first-append=P)")]
    public async Task Run_BadFailpoint_UsageErrorSayingWhatTheNodeWouldSay(string failpoint, string expected)
    {
        var run = await CliRun.InvokeAsync("run", "--failpoint", failpoint, "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain(expected));
    }

    [TestCase("localhost:2375", "--engines: 'localhost:2375' is not a Docker engine endpoint: it has no scheme (use unix:///PATH or tcp://HOST:PORT)")]
    [TestCase("unix:///var/run/docker.sock,unix:///var/run/docker.sock", "--engines: the engine unix:///var/run/docker.sock is named twice")]
    public async Task Run_BadEngines_UsageErrorSayingWhy(string engines, string expected)
    {
        var run = await CliRun.InvokeAsync("run", "--engines", engines, "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain(expected));
    }

    [TestCase("--nemesis", "partition,netem", "--nemesis netem: not on a cluster that spans engines")]
    [TestCase("--nodes", "1", "--engines: 1 node(s) cannot span 2 engines")]
    public async Task Run_SpanningEngines_WhatCannotSpanIsAUsageError(string flag, string value, string expected)
    {
        var run = await CliRun.InvokeAsync("run", "--engines", "unix:///var/run/docker.sock,unix:///var/run/docker2.sock", flag, value, "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain(expected));
    }

    [Test]
    public async Task Run_UnknownBug_UsageErrorListingTheCoresNames()
    {
        var run = await CliRun.InvokeAsync("run", "--unsafe", "forget-vote,forget-votes", "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain(
            "--unsafe: unknown switch in 'forget-vote,forget-votes'; use a comma-separated list of stale-reads, lease-reads, forget-vote, commit-old-term, ack-before-persist"));
    }

    [Test]
    public async Task Run_MistypedFlag_UsageErrorSuggestingTheFlag_NothingRuns()
    {
        var run = await CliRun.InvokeAsync("run", "--nodse", "3", "--store", Path.GetTempPath());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain("'--nodse': did you mean '--nodes'?"));
        Assert.That(run.Output, Is.Empty, "no run started");
    }

    [TestCase("rnu", "run")]
    [TestCase("chek", "check")]
    [TestCase("nigthly", "nightly")]
    public async Task MistypedCommand_DidYouMean(string typed, string meant)
    {
        var run = await CliRun.InvokeAsync(typed);

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Contain($"'{typed}': did you mean '{meant}'?"));
    }

    [Test]
    public async Task UnrelatedWord_NoSuggestion()
    {
        var run = await CliRun.InvokeAsync("zzz");

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Error, Does.Not.Contain("did you mean"));
    }
}
