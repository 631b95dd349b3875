using System.Globalization;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>ContainerPause against a real container: a counter loop stops while paused and runs again after resume.</summary>
[TestFixture, Category("Docker")]
public sealed class PauseTests
{
    // Ten increments a second while the container runs. Written aside and renamed: `echo > file` truncates first, and a
    // read between the truncation and the write saw an empty file (a FormatException once in a full Docker test run).
    private const string Counter = "i=0; while true; do i=$((i+1)); echo $i > /tmp/counter.new; mv /tmp/counter.new /tmp/counter; sleep 0.1; done";

    [Test]
    public async Task Pause_StopsProcesses_ResumeRunsThemAgain()
    {
        var ct = CancellationToken.None;
        await using var cluster = await TestCluster.StartAsync(1, Counter, null, ct);
        var node = cluster.Nodes[0];
        var pause = new ContainerPause(cluster.Engine);

        var before = await ReadCounterAsync(cluster, ct);
        await pause.PauseAsync(node, ct);
        Assert.That(await pause.IsPausedAsync(node, ct), Is.True, "engine reports paused");
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await pause.ResumeAsync(node, ct);
        var afterPause = await ReadCounterAsync(cluster, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var afterResume = await ReadCounterAsync(cluster, ct);

        TestContext.Out.WriteLine($"counter: {before} before, {afterPause} after a 1.5 s pause, {afterResume} 1 s after resume");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(afterPause - before, Is.LessThan(5), "the loop ran while paused (1.5 s would be ~15 increments)");
            Assert.That(afterResume - afterPause, Is.GreaterThanOrEqualTo(5), "the loop runs again after resume");
            Assert.That(await pause.IsPausedAsync(node, ct), Is.False);
        });
    }

    [Test]
    public async Task PauseAndResume_AreIdempotent()
    {
        var ct = CancellationToken.None;
        await using var cluster = await TestCluster.StartAsync(1, "sleep infinity", null, ct);
        var node = cluster.Nodes[0];
        var pause = new ContainerPause(cluster.Engine);

        await pause.PauseAsync(node, ct);
        await pause.PauseAsync(node, ct);
        Assert.That(await pause.IsPausedAsync(node, ct), Is.True);
        await pause.ResumeAsync(node, ct);
        await pause.ResumeAsync(node, ct);
        Assert.That(await pause.IsPausedAsync(node, ct), Is.False);
    }

    private static async Task<long> ReadCounterAsync(TestCluster cluster, CancellationToken ct)
    {
        var result = await cluster.Engine.ExecCheckedAsync(cluster.Nodes[0].ContainerId, ["cat", "/tmp/counter"], ct);
        return long.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture);
    }
}
