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
        var (start, _) = await SkewAsync(cluster, ct);
        var drifts = new List<double>();
        var roundTrips = new List<double>();
        var offsets = new List<double>();
        for (var heal = 0; heal < 20; heal++)
        {
            var rate = heal % 2 == 0 ? 2.0 : 0.5;
            await cluster.SetClockAsync("n1", ClockSkew.Skew(rate), ct);
            await Task.Delay(TimeSpan.FromSeconds(1.2), ct); // libfaketime picks the change up within a second
            drifts.Add((await SkewAsync(cluster, ct)).Offset);
            await cluster.ResetClockAsync("n1", ct);
            // A process just started answers slowly (JIT, and this machine's other load), and a slow answer blurs the
            // estimate by half its round trip: let it warm up, then keep the quickest of ten calls.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var (offset, roundTrip) = await SkewAsync(cluster, ct);
            offsets.Add(offset);
            roundTrips.Add(roundTrip);
        }

        TestContext.Out.WriteLine($"offset at start {start:F1} ms; under the rate (2x, 0.5x, ...): {string.Join(", ", drifts.Select(d => d.ToString("F0")))} ms; " +
            $"after each heal: {string.Join(", ", offsets.Select(o => o.ToString("F1")))} ms (status round trips up to {roundTrips.Max():F1} ms); largest |offset| after a heal {offsets.Max(Math.Abs):F1} ms");
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
        Assert.That(cluster.ActiveFaults.Clocks.Values, Is.Not.Empty.And.All.Matches<ClockSkew>(s => s!.Rate != 1.0));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await nemesis.StopAsync(context, ct);

        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
        Assert.That(await cluster.VerifyHealedAsync(TimeSpan.FromMilliseconds(50), ct), Is.Empty);
        var events = recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F).ToList();
        Assert.That(events, Is.EqualTo(new[] { "clock-rate", "clock-rate-reset" }));
    }

    /// <summary>
    /// The node's wall clock minus the host's at the middle of the quickest of ten status calls, and that call's round
    /// trip (the estimate is good to half of it, plus the node's millisecond resolution).
    /// </summary>
    private static async Task<(double Offset, double RoundTripMs)> SkewAsync(RaftCluster cluster, CancellationToken ct)
    {
        var best = (Offset: double.NaN, RoundTripMs: double.MaxValue);
        for (var i = 0; i < 10; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var skew = await cluster.WallClockSkewAsync("n1", ct);
            var roundTrip = watch.Elapsed.TotalMilliseconds;
            if (skew is { } s && roundTrip < best.RoundTripMs) best = (s.TotalMilliseconds, roundTrip);
        }
        Assert.That(best.Offset, Is.Not.NaN, "n1 answers its status call");
        return best;
    }
}
