using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// Clock rates on a real node: the rate shows in the node's wall clock (its status), and the heal, a restart of the
/// node process under the reset clock file, brings it back to real time exactly, 20 times in a row.
/// </summary>
[TestFixture]
[Category("Docker")]
public sealed class ClockRateTests
{
    [Test]
    public async Task Rate_ShowsInTheNodesClock_AndEachOf20Heals_ReturnsItToRealTime()
    {
        var ct = ClusterFixture.Timeout(300);
        await using var cluster = await ClusterFixture.StartAsync(1, ct);
        var start = await MedianSkewAsync(cluster, ct);
        var drifts = new List<double>();
        var offsets = new List<double>();
        for (var heal = 0; heal < 20; heal++)
        {
            var rate = heal % 2 == 0 ? 2.0 : 0.5;
            await cluster.SetClockAsync("n1", ClockSkew.Skew(rate), ct);
            await Task.Delay(TimeSpan.FromSeconds(0.8), ct); // libfaketime picks the change up within a second
            drifts.Add(await MedianSkewAsync(cluster, ct));
            await cluster.ResetClockAsync("n1", ct);
            offsets.Add(await MedianSkewAsync(cluster, ct));
        }

        TestContext.Out.WriteLine($"offset at start {start:F1} ms; under the rate (2x, 0.5x, ...): {string.Join(", ", drifts.Select(d => d.ToString("F0")))} ms; " +
            $"after each heal: {string.Join(", ", offsets.Select(o => o.ToString("F1")))} ms; largest |offset| after a heal {offsets.Max(Math.Abs):F1} ms");
        Assert.Multiple(() =>
        {
            Assert.That(drifts.Where((_, i) => i % 2 == 0), Has.All.GreaterThan(100), "at 2x the node's clock runs ahead");
            Assert.That(drifts.Where((_, i) => i % 2 == 1), Has.All.LessThan(-100), "at 0.5x it falls behind");
            Assert.That(offsets, Has.All.InRange(-10.0, 10.0), "each heal returns the clock to real time within 10 ms");
        });
        Assert.That(cluster.RatedNodes, Is.Empty);
        // One status call, not a median: on a loaded machine it is off by its own latency, so a looser bound here.
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromMilliseconds(50), ct), Is.Empty);
    }

    [Test]
    public async Task Nemesis_RecordsRateAndReset_AndLeavesRealTime()
    {
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await ClusterFixture.StartAsync(3, ct);
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(cluster, new Random(5), recorder);
        var nemesis = new ClockRateNemesis();

        await nemesis.StartAsync(context, ct);
        Assert.That(cluster.ActiveFaults.Clocks.Values, Is.Not.Empty.And.All.Matches<ClockSkew>(s => s.Rate != 1.0));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await nemesis.StopAsync(context, ct);

        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromMilliseconds(50), ct), Is.Empty);
        var events = recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F).ToList();
        Assert.That(events, Is.EqualTo(new[] { "clock-rate", "clock-rate-reset" }));
    }

    /// <summary>The node's wall clock minus the host's, median of five status calls (one slow call would skew the estimate by half its time).</summary>
    private static async Task<double> MedianSkewAsync(RaftCluster cluster, CancellationToken ct)
    {
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            if (await cluster.WallClockSkewAsync("n1", ct) is { } skew) samples.Add(skew.TotalMilliseconds);
        }
        Assert.That(samples, Is.Not.Empty, "n1 answers its status call");
        return samples.Order().ElementAt(samples.Count / 2);
    }
}
