using System.Globalization;
using System.Text.RegularExpressions;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Images;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// The netem fault on real node containers, measured by what passes between two nodes: pings from n1's network helper
/// (its namespace, so its packets take the same rules as the node's) to n2. Each test also verifies the heal: the
/// same measurement back to normal, and no rule or delayer left in the namespace.
/// </summary>
[TestFixture]
[Category("Docker")]
public sealed partial class NetemTests
{
    private RaftCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var ct = ClusterFixture.Timeout(240);
        var engine = DockerEnvironment.RequireEngine();
        var target = await ClusterFixture.TargetAsync();
        var helperImage = await NetHelperImage.EnsureAsync(null, line => TestContext.Progress.WriteLine("[image] " + line), ct);
        _cluster = await RaftCluster.StartAsync(new ClusterOptions
        {
            Nodes = 2,
            RunId = DockerEnvironment.NewRunId(),
            Target = target,
            ClockFaults = false,
            NetworkHelperImage = helperImage,
        }, engine, null, ct);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Test]
    public async Task Delay_OnOneLink_ShowsInThePingTime_AndHeals()
    {
        var ct = ClusterFixture.Timeout(60);
        var before = await PingAsync(40, "0.05", ct);

        await _cluster.NetemAsync([new NetemLink("n1", "n2", new NetemSpec(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), 0, 0, Seed: 7))], ct);
        var during = await PingAsync(40, "0.05", ct);
        var rulesOnN2 = await _cluster.NetemLeftAsync("n2", ct);
        await _cluster.HealNetemAsync(ct);
        var after = await PingAsync(40, "0.05", ct);

        TestContext.Out.WriteLine($"n1 -> n2 ping rtt avg: before {before.AvgMs:F2} ms, during {during.AvgMs:F2} ms (min {during.MinMs:F2}, max {during.MaxMs:F2}), after {after.AvgMs:F2} ms; {during.Received} of 40 answered");
        Assert.Multiple(() =>
        {
            // 100 ms ± 10 ms on the echo requests n1 sends; the upper bound leaves room for a loaded two-core machine (the delayer is a process too).
            Assert.That(during.AvgMs, Is.InRange(before.AvgMs + 90, before.AvgMs + 130));
            Assert.That(during.MinMs, Is.GreaterThan(85));
            Assert.That(during.Received, Is.EqualTo(40), "a delay loses nothing");
            // (A ping from n2 would be slow too: n1's echo replies take the slow link. The rules show the direction.)
            Assert.That(rulesOnN2, Is.Empty, "only n1 -> n2 is slow: n2 sends unhindered");
            Assert.That(after.AvgMs, Is.LessThan(before.AvgMs + 10), "healed: back to the bridge's round trip");
        });
        Assert.That(await LeftAsync(ct), Is.Empty, "no netem rule and no delayer left");
    }

    [Test]
    public async Task Loss_Over1000Packets_DropsTheChosenShare_AndHeals()
    {
        var ct = ClusterFixture.Timeout(90);
        await _cluster.NetemAsync([new NetemLink("n1", "n2", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0))], ct);
        var during = await PingAsync(1000, "0.005", ct, lossy: true);
        await _cluster.HealNetemAsync(ct);
        var after = await PingAsync(1000, "0.005", ct);

        var rate = 1 - (during.Received / 1000.0);
        TestContext.Out.WriteLine($"loss 0.3 on n1 -> n2: {1000 - during.Received} of 1000 echo requests lost ({rate:P1}); after the heal {1000 - after.Received} of 1000");
        Assert.Multiple(() =>
        {
            // Binomial(1000, 0.3): standard deviation 14.5 packets, so ±50 is 3.4 of them.
            Assert.That(rate, Is.InRange(0.25, 0.35));
            Assert.That(after.Received, Is.EqualTo(1000), "healed: nothing lost");
        });
        Assert.That(await LeftAsync(ct), Is.Empty, "no netem rule left");
    }

    [Test]
    public async Task Duplicate_Reorder_PerNode_TakeEffect_AndHeal()
    {
        var ct = ClusterFixture.Timeout(60);
        // Per node: both directions of every link of n1. Duplicates show as DUP! replies; a jitter as large as the delay
        // lets a later echo request overtake an earlier one, which ping reports as out of order replies.
        await _cluster.NetemAsync(
        [
            new NetemLink("n1", "n2", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, 0.5)),
            new NetemLink("n2", "n1", new NetemSpec(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(30), 0, 0, Seed: 11)),
        ], ct);
        var duplicates = await PingAsync(200, "0.01", ct);
        var reordered = await PingFromAsync("n2", "n1", 200, ct, interval: "0.005");
        await _cluster.HealNetemAsync(ct);
        var after = await PingAsync(200, "0.01", ct);

        TestContext.Out.WriteLine($"duplicate 0.5 on n1 -> n2: {duplicates.Duplicates} DUP! replies of 200; n2 -> n1 30 ± 30 ms: avg {reordered.AvgMs:F1} ms, {reordered.OutOfOrder} replies out of order; after the heal {after.Duplicates} duplicates");
        Assert.Multiple(() =>
        {
            Assert.That(duplicates.Duplicates, Is.InRange(60, 140), "about half of 200 requests duplicated");
            Assert.That(reordered.OutOfOrder, Is.GreaterThan(10), "jitter at a 5 ms send interval reorders");
            Assert.That(after.Duplicates, Is.Zero);
        });
        Assert.That(await LeftAsync(ct), Is.Empty, "no netem rule and no delayer left");
    }

    [Test]
    public async Task Bandwidth_OnOneLink_BulkTransferRunsAtTheRate_AndHeals()
    {
        var ct = ClusterFixture.Timeout(120);
        const long rateKbit = 2000;
        const int bytes = 500_000; // 2 s at 2 Mbit/s
        var before = await TransferAsync("n1", "n2", bytes, ct);

        await _cluster.NetemAsync([new NetemLink("n1", "n2", new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, 0, RateKbit: rateKbit))], ct);
        var qdiscs = await _cluster.NetemLeftAsync("n1", ct);
        var during = await TransferAsync("n1", "n2", bytes, ct);
        var reverse = await TransferAsync("n2", "n1", bytes, ct);
        await _cluster.HealNetemAsync(ct);
        var after = await TransferAsync("n1", "n2", bytes, ct);

        TestContext.Out.WriteLine($"{bytes} bytes n1 -> n2: before {before.Kbit:F0} kbit/s, limited to {rateKbit} kbit/s {during.Kbit:F0} kbit/s ({during.Seconds:F2} s), " +
            $"n2 -> n1 meanwhile {reverse.Kbit:F0} kbit/s, after the heal {after.Kbit:F0} kbit/s; n1's qdiscs: {string.Join(" | ", qdiscs)}");
        Assert.Multiple(() =>
        {
            Assert.That(qdiscs, Has.Some.StartsWith("qdisc htb 1: root").And.Some.StartsWith("qdisc tbf"), "read back from tc in n1's namespace");
            Assert.That(new[] { before.Received, during.Received, reverse.Received, after.Received }, Has.All.EqualTo(bytes), "every byte arrives");
            // TCP's payload over a token bucket that counts headers too (about 5 % of a full segment): a little under the
            // rate; above 1.1 times it the bucket did not hold, below half of it something else throttled the transfer.
            Assert.That(during.Kbit, Is.InRange(rateKbit * 0.5, rateKbit * 1.1));
            Assert.That(reverse.Kbit, Is.GreaterThan(rateKbit * 10), "only n1 -> n2 is limited");
            Assert.That(before.Kbit, Is.GreaterThan(rateKbit * 10), "the bridge is far faster than the limit");
            Assert.That(after.Kbit, Is.GreaterThan(rateKbit * 10), "healed: back to the bridge's speed");
        });
        Assert.That(await LeftAsync(ct), Is.Empty, "no qdisc of ours left");
    }

    /// <summary>
    /// A bulk TCP transfer of <paramref name="bytes"/> zeros from <paramref name="from"/>'s namespace to a listener in
    /// <paramref name="to"/>'s (netcat in both network helpers), timed by the sender from the first byte written to the
    /// receiver's close, which follows the last byte read.
    /// </summary>
    private async Task<Transfer> TransferAsync(string from, string to, int bytes, CancellationToken ct)
    {
        const int port = 7911;
        var receiver = await _cluster.NetworkHelperAsync(to, ct);
        var sender = await _cluster.NetworkHelperAsync(from, ct);
        var listening = _cluster.Engine.ExecAsync(receiver, ["sh", "-c", $"timeout 60 nc -l {port} | wc -c"], ct);
        for (var i = 0; i < 100 && (await _cluster.Engine.ExecAsync(receiver, ["sh", "-c", $"ss -ltn | grep -q ':{port} '"], ct)).ExitCode != 0; i++)
            await Task.Delay(100, ct);
        var sent = await _cluster.Engine.ExecAsync(sender, ["sh", "-c",
            $"s=$(date +%s%N); head -c {bytes} /dev/zero | nc -N -w 60 {_cluster[to].Target.Address} {port}; e=$(date +%s%N); echo $((e - s))"], ct);
        var received = await listening;
        var seconds = long.Parse(sent.Stdout.Trim(), CultureInfo.InvariantCulture) / 1e9;
        return new Transfer(int.Parse(received.Stdout.Trim(), CultureInfo.InvariantCulture), seconds, bytes * 8 / 1000.0 / seconds);
    }

    private sealed record Transfer(int Received, double Seconds, double Kbit);

    private async Task<IReadOnlyList<string>> LeftAsync(CancellationToken ct)
        => [.. (await _cluster.NetemLeftAsync("n1", ct)).Concat(await _cluster.NetemLeftAsync("n2", ct))];

    private Task<PingResult> PingAsync(int count, string interval, CancellationToken ct, bool lossy = false) => PingFromAsync("n1", "n2", count, ct, interval, lossy);

    private async Task<PingResult> PingFromAsync(string from, string to, int count, CancellationToken ct, string interval = "0.05", bool lossy = false)
    {
        var helper = await _cluster.NetworkHelperAsync(from, ct);
        // -w: with a deadline ping waits for the answers to all its requests (without one, it stops soon after sending the
        // last, so a delayed last answer would count as lost); on a lossy link it goes on sending, so no deadline there.
        var deadline = lossy ? "" : $"-w {(count / 10) + 10}";
        var result = await _cluster.Engine.ExecAsync(helper, ["sh", "-c", $"ping -n -c {count} -i {interval} {deadline} {_cluster[to].Target.Address}; true"], ct);
        return PingResult.Parse(result.Stdout);
    }

    private sealed partial record PingResult(int Received, double MinMs, double AvgMs, double MaxMs, int Duplicates, int OutOfOrder)
    {
        public static PingResult Parse(string output)
        {
            var received = int.Parse(Summary().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var rtt = Rtt().Match(output);
            double Ms(int group) => rtt.Success ? double.Parse(rtt.Groups[group].Value, CultureInfo.InvariantCulture) : double.NaN;
            var seqs = Seq().Matches(output).Where(m => !m.Value.Contains("DUP!", StringComparison.Ordinal))
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            var outOfOrder = seqs.Zip(seqs.Skip(1)).Count(p => p.Second < p.First);
            return new PingResult(received, Ms(1), Ms(2), Ms(3), Regex.Count(output, "DUP!"), outOfOrder);
        }

        [GeneratedRegex(@"(\d+) received")]
        private static partial Regex Summary();

        [GeneratedRegex(@"rtt min/avg/max/mdev = ([\d.]+)/([\d.]+)/([\d.]+)")]
        private static partial Regex Rtt();

        [GeneratedRegex(@"icmp_seq=(\d+) .*")]
        private static partial Regex Seq();
    }
}
