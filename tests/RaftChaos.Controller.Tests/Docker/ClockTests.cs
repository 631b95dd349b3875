using System.Diagnostics;
using System.Globalization;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>
/// FaketimeClock against a real container: a new process (date) sees the skew at once, a long-running one (a bash
/// loop printing time()) within the cache duration; a reset brings both back.
/// </summary>
[TestFixture, Category("Docker")]
public sealed class ClockTests
{
    // The long-running process: bash's printf %(%s)T calls time(), which libfaketime intercepts. Measured quirk of
    // libfaketime 0.9.10: a bash that is the first preloaded process of the container (the one creating libfaketime's
    // shared memory) sees file changes only every ~10 s whatever FAKETIME_CACHE_DURATION says, while an exec'd one
    // sees them within the cache duration. A .NET process sees them within ~1 s either way (compose/README.md).
    private const string Clock = "exec bash -c \"while true; do printf '%(%s)T\\n' -1 > /tmp/now; sleep 0.1; done\"";

    private const double ToleranceSeconds = 2;

    private TestCluster _cluster = null!;
    private FaketimeClock _clock = null!;
    private NodeTarget _node = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var options = new FaketimeOptions();
        _cluster = await TestCluster.StartAsync(1, Clock, options.ContainerEnvironment(), CancellationToken.None);
        _clock = new FaketimeClock(_cluster.Engine, options);
        _node = _cluster.Nodes[0];
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [TestCase(3600)]
    [TestCase(-120)]
    public async Task Bump_ShiftsNewAndRunningProcesses_ResetRestores(int seconds)
    {
        var ct = CancellationToken.None;
        await _clock.ApplyAsync(_node, ClockSkew.Bump(TimeSpan.FromSeconds(seconds)), ct);

        Assert.That(await DateOffsetAsync(ct), Is.EqualTo(seconds).Within(ToleranceSeconds), "date +%s in a new process");
        var latency = await WaitForLoopOffsetAsync(seconds, ct);
        TestContext.Out.WriteLine($"running process saw {seconds:+0;-0} s after {latency.TotalMilliseconds:F0} ms");
        Assert.That(latency, Is.LessThan(TimeSpan.FromSeconds(2.5)), "FAKETIME_CACHE_DURATION=0: within about a second");

        await _clock.ResetAsync(_node, ct);

        Assert.That(await DateOffsetAsync(ct), Is.EqualTo(0).Within(ToleranceSeconds), "date after reset");
        await WaitForLoopOffsetAsync(0, ct);
        Assert.That(await _clock.ReadAsync(_node, ct), Is.EqualTo("+0.000"));
    }

    private async Task<double> DateOffsetAsync(CancellationToken ct)
    {
        var result = await _cluster.Engine.ExecCheckedAsync(_node.ContainerId, ["date", "+%s"], ct);
        return long.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    /// <summary>Polls the loop's output until it is off by <paramref name="expected"/> s; returns how long that took.</summary>
    private async Task<TimeSpan> WaitForLoopOffsetAsync(int expected, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(10))
        {
            var now = await _cluster.Engine.ExecAsync(_node.ContainerId, ["cat", "/tmp/now"], ct);
            if (long.TryParse(now.Stdout.Trim(), CultureInfo.InvariantCulture, out var seen)
                && Math.Abs(seen - DateTimeOffset.UtcNow.ToUnixTimeSeconds() - expected) <= ToleranceSeconds)
                return started.Elapsed;
            await Task.Delay(50, ct);
        }
        Assert.Fail($"the running process never showed an offset of {expected} s");
        return started.Elapsed;
    }
}
