using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The stress rows of <c>bench-check</c> (issue 20): seeded high-concurrency register histories from
/// <see cref="StressHistoryGenerator"/>, 20-30 busy processes, 5-15% info writes, a domain of 5 or unique values,
/// without and with a planted fault. The goal is "decided within 10 s and 1 GiB each"; on a shared machine wall time
/// says more about the neighbours than about the checker, so each history gets a deterministic budget of
/// <see cref="ConfigurationBudget"/> configurations (about 10 s of one idle core at the measured rate, printed below
/// the table) with the 10 s wall time reported beside it and a 120 s wall-time guard (generous: on a loaded machine
/// the budget takes several times 10 s). Prints one row per shape with the
/// verdicts, both shares decided and the worst time and configurations, then the slowest history (with its seed).
/// </summary>
internal static class BenchCheckStress
{
    /// <summary>Configurations per history: the deterministic stand-in for the goal's 10 s.</summary>
    public const long ConfigurationBudget = 10_000_000;

    private static readonly TimeSpan GoalTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan GuardTime = TimeSpan.FromSeconds(120);

    private static readonly HistoryMutation[] Faults =
        [HistoryMutation.StaleRead, HistoryMutation.LostWrite, HistoryMutation.StaleCas, HistoryMutation.ReorderedWrites, HistoryMutation.NeverWrittenRead];

    /// <summary>Runs <paramref name="perRow"/> histories per shape and prints the table; returns the share decided within the budget.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="progress">Where each history's line goes as it is checked (the table comes at the end), or null.</param>
    /// <param name="perRow">Histories per shape (seeds 0 .. perRow - 1).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="onlyOperations">Only the shapes of this many operations (100, 500 or 2,000), or 0 for all.</param>
    public static double Run(TextWriter output, TextWriter? progress, int perRow, CancellationToken cancellationToken, int onlyOperations = 0)
    {
        var checker = new LinearizabilityChecker(new CheckOptions
        {
            ConfigurationLimit = ConfigurationBudget, TimeLimit = GuardTime, MemoryLimitBytes = 1L << 30,
        });
        var table = new BenchTable(
            ["stress shape (seeds 0..n-1)", "ops", "histories", "valid/invalid/unknown", "decided", "and in 10 s", "worst ms", "median ms", "worst configs"]);
        var (decided, inTime, total) = (0, 0, 0);
        var (configurations, seconds) = (0L, 0.0);
        var slowest = (Ms: 0.0, Text: "");
        var largest = (Configurations: 0L, Text: "");
        foreach (var operations in new[] { 100, 500, 2_000 }.Where(count => onlyOperations == 0 || count == onlyOperations))
        {
            foreach (var domain in new[] { 5, 0 })
            {
                foreach (var planted in new[] { false, true })
                {
                    var name = string.Create(CultureInfo.InvariantCulture,
                        $"{operations} ops, domain {(domain == 0 ? "unique" : "5")}, {(planted ? "planted fault" : "no fault")}");
                    var times = new List<double>();
                    var verdicts = new int[3];
                    var (rowInTime, rowConfigurations) = (0, 0L);
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
                        var history = OperationHistory.FromEvents(new StressHistoryGenerator(seed).Generate(options), $"stress seed {seed}");
                        var result = checker.Check(history, BuiltInModels.CasRegister, cancellationToken);
                        var ms = result.Elapsed.TotalMilliseconds;
                        var explored = result.Keys.Sum(key => key.Configurations);
                        times.Add(ms);
                        verdicts[(int)result.Verdict]++;
                        rowInTime += result.Verdict != Verdict.Unknown && result.Elapsed <= GoalTime ? 1 : 0;
                        rowConfigurations = Math.Max(rowConfigurations, explored);
                        (configurations, seconds) = (configurations + explored, seconds + result.Elapsed.TotalSeconds);
                        var text = string.Create(CultureInfo.InvariantCulture,
                            $"{name}, seed {seed} ({options.ProcessCount} processes, info {options.InfoRate:P0}, {options.Mutation}): {result.Verdict}, {ms:0} ms, {explored:N0} configurations");
                        progress?.WriteLine(text);
                        if (ms > slowest.Ms)
                        {
                            slowest = (ms, text);
                        }

                        if (explored > largest.Configurations)
                        {
                            largest = (explored, text);
                        }
                    }

                    var rowDecided = perRow - verdicts[(int)Verdict.Unknown];
                    (decided, inTime, total) = (decided + rowDecided, inTime + rowInTime, total + perRow);
                    times.Sort();
                    table.AddCells(
                        name,
                        operations.ToString("N0", CultureInfo.InvariantCulture),
                        perRow.ToString(CultureInfo.InvariantCulture),
                        $"{verdicts[(int)Verdict.Valid]}/{verdicts[(int)Verdict.Invalid]}/{verdicts[(int)Verdict.Unknown]}",
                        Share(rowDecided, perRow),
                        Share(rowInTime, perRow),
                        times.Count == 0 ? "" : times[^1].ToString("0.00", CultureInfo.InvariantCulture),
                        times.Count == 0 ? "" : times[times.Count / 2].ToString("0.00", CultureInfo.InvariantCulture),
                        rowConfigurations.ToString("N0", CultureInfo.InvariantCulture));
                }
            }
        }

        table.Separator();
        table.AddCells(
            string.Create(CultureInfo.InvariantCulture, $"all shapes (goal: >= 99.5% decided within 10 s and 1 GiB each; budget {ConfigurationBudget:N0} configurations)"),
            "", total.ToString(CultureInfo.InvariantCulture), "", Share(decided, total), Share(inTime, total),
            slowest.Ms.ToString("0.00", CultureInfo.InvariantCulture), "", largest.Configurations.ToString("N0", CultureInfo.InvariantCulture));
        table.WriteTo(output);
        output.WriteLine($"slowest: {slowest.Text}");
        output.WriteLine($"most configurations: {largest.Text}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate: {configurations / Math.Max(seconds, 1e-9):N0} configurations per second of wall time over all histories (load {LoadAverage()})"));
        return total == 0 ? 1 : decided / (double)total;
    }

    private static string Share(int part, int whole) => (whole == 0 ? 1 : part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    // The machine is shared: the figures mean little without the load they were taken under (Linux only).
    private static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? string.Join(' ', File.ReadAllText(LoadFile).Split(' ').Take(3)) : "unknown";
    }
}
