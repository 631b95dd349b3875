using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Rendering;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos bench-report [--out DIR] [--sizes 1000,10000,100000]</c>: generates kv histories (seed 42, 20 processes,
/// one key per 100 operations, 1% info, a partition/kill/clock schedule of nemesis events), then times what
/// <c>raftchaos report</c> does with each (load, check, build, write) and prints the report sizes. The reports stay in
/// DIR (default: a temp folder) to be opened in a browser.
/// </summary>
internal static class BenchReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Folder for the generated runs. Default: a new temp folder." };
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated operation counts.", DefaultValueFactory = _ => "1000,10000,100000" };
        var command = new Command("bench-report", "Time report generation for generated histories of growing size.");
        command.Options.Add(output);
        command.Options.Add(sizes);
        command.Action = new UsageCheckedAction(async (parseResult, cancellationToken) =>
        {
            var counts = parseResult.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
            if (counts.Length == 0 || counts.Any(n => n < 0))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("raftchaos bench-report: --sizes must be positive integers separated by commas").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var root = parseResult.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "raftchaos-bench-report-" + Guid.NewGuid().ToString("N")[..8]);
            var writer = parseResult.InvocationConfiguration.Output;
            await writer.WriteLineAsync($"{"ops",9} {"keys",6} {"load ms",8} {"check ms",9} {"build ms",9} {"write ms",9} {"total ms",9} {"size MB",8}  report").ConfigureAwait(false);
            foreach (var count in counts)
            {
                await writer.WriteLineAsync(await MeasureAsync(count, Path.Combine(root, $"ops-{count}"), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }

            return ExitCodes.Valid;
        });
        return command;
    }

    private static async Task<string> MeasureAsync(int count, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var events = new RandomHistoryGenerator(seed: 42).Generate(new RandomHistoryOptions
        {
            OperationCount = count,
            KeyCount = Math.Max(1, count / 100),
            ProcessCount = 20,
            InfoProbability = 0.01,
            MaxDurationNanos = 20_000_000,
            MaxGapNanos = 2_000_000,
        });
        var historyPath = Path.Combine(directory, RunFolder.HistoryFileName);
        using (var history = HistoryWriter.Create(historyPath))
        {
            foreach (var historyEvent in BenchReportFaults.Interleave(events))
            {
                history.Write(historyEvent);
            }
        }

        var total = Stopwatch.StartNew();
        var folder = RunFolder.Locate(directory);
        var load = Stopwatch.StartNew();
        var loaded = OperationHistory.Load(historyPath);
        var loadMs = load.Elapsed.TotalMilliseconds;
        var input = await ReportInputLoader.LoadAsync(folder, ReportRun.Empty, new ReportLoadOptions(), cancellationToken).ConfigureAwait(false);
        var checkMs = input.Check?.Elapsed.TotalMilliseconds ?? 0;
        var build = Stopwatch.StartNew();
        var model = ReportBuilder.Build(input);
        var buildMs = build.Elapsed.TotalMilliseconds;
        var write = Stopwatch.StartNew();
        var reportPath = Path.Combine(directory, ReportWriter.FileName);
        await ReportWriter.WriteAsync(model, reportPath, cancellationToken).ConfigureAwait(false);
        var writeMs = write.Elapsed.TotalMilliseconds;
        var totalMs = total.Elapsed.TotalMilliseconds - loadMs;
        var megabytes = new FileInfo(reportPath).Length / 1_000_000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{loaded.Operations.Count,9:N0} {loaded.KeyCount,6:N0} {loadMs,8:N0} {checkMs,9:N0} {buildMs,9:N0} {writeMs,9:N0} {totalMs,9:N0} {megabytes,8:N2}  {reportPath}");
    }
}
