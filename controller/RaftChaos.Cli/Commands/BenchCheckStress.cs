using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The stress rows of <c>bench-check</c> (issue 20): seeded high-concurrency register histories from
/// <see cref="StressHistoryGenerator"/>, 20-30 busy processes, 5-15% info writes, a domain of 5 or unique values,
/// without and with a planted fault, each checked within 10 s and 1 GiB as the goal states. Prints one row per shape
/// with the verdicts, the share decided and the worst time, then the slowest history (with its seed, to replay it).
/// </summary>
internal static class BenchCheckStress
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private static readonly HistoryMutation[] Faults =
        [HistoryMutation.StaleRead, HistoryMutation.LostWrite, HistoryMutation.StaleCas, HistoryMutation.ReorderedWrites, HistoryMutation.NeverWrittenRead];

    /// <summary>Runs <paramref name="perRow"/> histories per shape and prints the table; returns the share decided.</summary>
    public static double Run(TextWriter output, int perRow, CancellationToken cancellationToken)
    {
        var checker = new LinearizabilityChecker(new CheckOptions { TimeLimit = TimeLimit, MemoryLimitBytes = 1L << 30 });
        var table = new BenchTable(["stress shape (seeds 0..n-1)", "ops", "histories", "valid/invalid/unknown", "decided", "parse ms", "worst ms", "median ms"]);
        var (decided, total) = (0, 0);
        var slowest = (Ms: 0.0, Text: "");
        foreach (var operations in new[] { 100, 500, 2_000 })
        {
            foreach (var domain in new[] { 5, 0 })
            {
                foreach (var planted in new[] { false, true })
                {
                    var name = string.Create(CultureInfo.InvariantCulture,
                        $"{operations} ops, domain {(domain == 0 ? "unique" : "5")}, {(planted ? "planted fault" : "no fault")}");
                    var times = new List<double>();
                    var verdicts = new int[3];
                    var parseMs = 0.0;
                    for (var seed = 0; seed < perRow; seed++)
                    {
                        var options = new StressHistoryOptions
                        {
                            OperationCount = operations,
                            ProcessCount = 20 + (seed % 11),
                            ValueDomain = domain,
                            InfoRate = 0.05 + (0.02 * (seed % 6)),
                            Mutation = planted ? Faults[seed % Faults.Length] : HistoryMutation.None,
                        };
                        var stopwatch = Stopwatch.StartNew();
                        var history = OperationHistory.FromEvents(new StressHistoryGenerator(seed).Generate(options), $"stress seed {seed}");
                        parseMs += stopwatch.Elapsed.TotalMilliseconds;
                        var result = checker.Check(history, BuiltInModels.CasRegister, cancellationToken);
                        var ms = result.Elapsed.TotalMilliseconds;
                        times.Add(ms);
                        verdicts[(int)result.Verdict]++;
                        if (ms > slowest.Ms)
                        {
                            slowest = (ms, string.Create(CultureInfo.InvariantCulture,
                                $"{name}, seed {seed} ({options.ProcessCount} processes, info {options.InfoRate:P0}, {options.Mutation}): {result.Verdict}, {ms:0} ms"));
                        }
                    }

                    decided += perRow - verdicts[(int)Verdict.Unknown];
                    total += perRow;
                    times.Sort();
                    var share = perRow == 0 ? 1 : (perRow - verdicts[(int)Verdict.Unknown]) / (double)perRow;
                    table.Add(name, operations, perRow,
                        $"{verdicts[(int)Verdict.Valid]}/{verdicts[(int)Verdict.Invalid]}/{verdicts[(int)Verdict.Unknown]}",
                        share.ToString("P1", CultureInfo.InvariantCulture), parseMs, times.Count == 0 ? 0 : times[^1], times.Count == 0 ? null : times[times.Count / 2]);
                }
            }
        }

        var overall = total == 0 ? 1 : decided / (double)total;
        table.Separator();
        table.Add("all shapes (goal: >= 99.5% decided within 10 s and 1 GiB each)", null, total, "", overall.ToString("P1", CultureInfo.InvariantCulture), 0, slowest.Ms, null);
        table.WriteTo(output);
        output.WriteLine($"slowest: {slowest.Text}");
        return overall;
    }
}
