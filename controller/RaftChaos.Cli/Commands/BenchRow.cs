using System.Globalization;
using HdrHistogram;

namespace RaftChaos.Cli.Commands;

/// <summary>One line of the bench table: an operation at one concurrency level.</summary>
internal sealed record BenchRow(string Op, int Clients, long Ok, long Errors, TimeSpan Duration, HistogramBase Latency)
{
    public const string Header = "| clients | op    |    ops/s | p50 ms | p99 ms | p99.9 ms | errors |\n|--------:|-------|---------:|-------:|-------:|---------:|-------:|";

    /// <summary>The row as <c>bench --json</c> prints it: rate and percentiles in the table's units (ops/s, ms).</summary>
    public object ToDocument() => new
    {
        op = Op,
        clients = Clients,
        ok = Ok,
        errors = Errors,
        seconds = Duration.TotalSeconds,
        opsPerSecond = Ok / Duration.TotalSeconds,
        p50Ms = Ok == 0 ? (double?)null : Latency.GetValueAtPercentile(50) / 1000.0,
        p99Ms = Ok == 0 ? (double?)null : Latency.GetValueAtPercentile(99) / 1000.0,
        p999Ms = Ok == 0 ? (double?)null : Latency.GetValueAtPercentile(99.9) / 1000.0,
    };

    public string Format()
    {
        string Ms(double percentile) => Ok == 0 ? "-" : (Latency.GetValueAtPercentile(percentile) / 1000.0).ToString("F2", CultureInfo.InvariantCulture);
        var rate = Ok / Duration.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Clients,7} | {Op,-5} | {rate,8:F0} | {Ms(50),6} | {Ms(99),6} | {Ms(99.9),8} | {Errors,6} |");
    }
}
