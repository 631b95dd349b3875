using System.Globalization;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// How node processes run under libfaketime (Debian bookworm's 0.9.10). The node container gets
/// <see cref="ContainerEnvironment"/> at creation; the controller later rewrites <see cref="ControlFile"/>.
/// </summary>
/// <remarks>
/// Measured with .NET 10 on Debian 12 (see compose/README.md, "Clock faults"):
/// <list type="bullet">
/// <item>FAKETIME_CACHE_DURATION=0 re-reads the file when the wall-clock second changes: a change shows within 1 s
///   (0.9 s worst of 8), at ~70 ns per DateTime.UtcNow; =1 takes up to 2 s; FAKETIME_NO_CACHE=1 is immediate but
///   costs ~4.5 µs per call (a file read each time).</item>
/// <item>By default libfaketime fakes CLOCK_MONOTONIC too: Stopwatch and Environment.TickCount64 jump with a bump
///   (backwards too) and run at the skewed rate, so the node's election and heartbeat ticks drift. Sleeps and timed
///   waits stay correct. This is <see cref="FakeMonotonic"/> = true, our default.</item>
/// <item>FAKETIME_DONT_FAKE_MONOTONIC=1 alone breaks .NET: libfaketime then turns on its "monotonic fix" for glibc
///   2.36 and every timed wait (Thread.Sleep, Monitor.Wait, timers) returns at once (busy loops). With
///   FAKETIME_FORCE_MONOTONIC_FIX=0 as well, bumps work and Stopwatch stays real, but any rate other than 1
///   hangs timed waits for good. So <see cref="FakeMonotonic"/> = false allows bumps only.</item>
/// </list>
/// </remarks>
public sealed class FaketimeOptions
{
    /// <summary>The preloaded library. Default: Debian's /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1.</summary>
    public string LibraryPath { get; init; } = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    /// <summary>
    /// The control file (FAKETIME_TIMESTAMP_FILE) inside the container. Default: /etc/raftchaos/faketime, outside the
    /// node's data volume; written by root through docker exec, readable by the node's user. Missing file = real time.
    /// </summary>
    public string ControlFile { get; init; } = "/etc/raftchaos/faketime";

    /// <summary>FAKETIME_CACHE_DURATION in seconds. Default: 0 (re-read once per wall-clock second; a change shows within 1 s).</summary>
    public int CacheDurationSeconds { get; init; }

    /// <summary>
    /// Whether Stopwatch / CLOCK_MONOTONIC moves with the fake clock. Default: true, so a clock fault also drifts the
    /// node's tick-based timeouts, which is what stresses Raft (elections, leases); a correct node never trusts the
    /// wall clock, so a wall-only skew would test nothing but the status readout. False keeps the monotonic clock
    /// real and then only <see cref="ClockSkew.Bump"/> and <see cref="ClockSkew.StartingAt"/> are allowed (see remarks).
    /// </summary>
    public bool FakeMonotonic { get; init; } = true;

    /// <summary>FAKETIME_XRESET: a rate change starts from the current fake time instead of process start. Default: true.</summary>
    public bool SmoothRateChanges { get; init; } = true;

    /// <summary>Throws unless paths are absolute and the cache duration is not negative.</summary>
    public void Validate()
    {
        if (!LibraryPath.StartsWith('/')) throw new ArgumentException("must be an absolute path", nameof(LibraryPath));
        if (!ControlFile.StartsWith('/') || ControlFile.Contains('\'')) throw new ArgumentException("must be an absolute path without quotes", nameof(ControlFile));
        ArgumentOutOfRangeException.ThrowIfNegative(CacheDurationSeconds);
    }

    /// <summary>The environment variables a node container needs so its processes run under libfaketime.</summary>
    public IReadOnlyDictionary<string, string> ContainerEnvironment()
    {
        Validate();
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LD_PRELOAD"] = LibraryPath,
            ["FAKETIME_TIMESTAMP_FILE"] = ControlFile,
            ["FAKETIME_CACHE_DURATION"] = CacheDurationSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (SmoothRateChanges) env["FAKETIME_XRESET"] = "1";
        if (!FakeMonotonic)
        {
            env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
            // Without this, libfaketime 0.9.10 enables its glibc "monotonic fix" and .NET timed waits return at once.
            env["FAKETIME_FORCE_MONOTONIC_FIX"] = "0";
        }
        return env;
    }
}
