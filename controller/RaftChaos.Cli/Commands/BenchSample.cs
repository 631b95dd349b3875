namespace RaftChaos.Cli.Commands;

/// <summary>
/// One measured figure of one target on one fresh cluster (<c>bench --target</c>): e.g. "write 64 ops/s" in pair 2,
/// with the machine's one-minute load average when it was taken (the machine is shared; interleaving keeps ratios fair).
/// </summary>
internal sealed record BenchSample(string Target, int Pair, string Figure, double Value, double Load)
{
    /// <summary>The figures a bench row gives: rate, p50 and p99 (ms), each its own line of the comparison.</summary>
    public static IEnumerable<BenchSample> FromRow(string target, int pair, BenchRow row, double load)
    {
        var prefix = $"{row.Op} {row.Clients}";
        yield return new BenchSample(target, pair, prefix + " ops/s", row.Ok / row.Duration.TotalSeconds, load);
        if (row.Ok > 0)
        {
            yield return new BenchSample(target, pair, prefix + " p50 ms", row.Latency.GetValueAtPercentile(50) / 1000.0, load);
            yield return new BenchSample(target, pair, prefix + " p99 ms", row.Latency.GetValueAtPercentile(99) / 1000.0, load);
        }
        if (row.Errors > 0)
        {
            yield return new BenchSample(target, pair, prefix + " errors", row.Errors, load);
        }
    }

    /// <summary>The machine's one-minute load average (/proc/loadavg), or NaN where there is none.</summary>
    public static double CurrentLoad()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
