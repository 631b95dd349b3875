using System.Globalization;
using HdrHistogram;

namespace RaftChaos.Cli.Commands;

/// <summary>One line of the bench table: an operation at one concurrency level.</summary>
internal sealed record BenchRow(string Op, int Clients, long Ok, long Errors, TimeSpan Duration, HistogramBase Latency)
{
    public const string Header = "| clients | op    |    ops/s | p50 ms | p99 ms | p99.9 ms | errors |\n|--------:|-------|---------:|-------:|-------:|---------:|-------:|";

    public string Format()
    {
        string Ms(double percentile) => Ok == 0 ? "-" : (Latency.GetValueAtPercentile(percentile) / 1000.0).ToString("F2", CultureInfo.InvariantCulture);
        var rate = Ok / Duration.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Clients,7} | {Op,-5} | {rate,8:F0} | {Ms(50),6} | {Ms(99),6} | {Ms(99.9),8} | {Errors,6} |");
    }
}
