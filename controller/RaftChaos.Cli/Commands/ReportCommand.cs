using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Building;
using RaftChaos.Controller.Runs;
using RaftChaos.Report.Input;
using RaftChaos.Report.Rendering;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos report (RUN_DIR | HISTORY.jsonl) [--model M] [--out DIR] [--time-limit SECONDS]</c>: writes
/// <c>DIR/report.html</c> (default: beside the input), running the checker when there is no results.json (or it
/// says invalid, to draw the counterexample). Exit code mirrors the verdict: 0 valid, 1 invalid, 2 unknown; 64 usage
/// error (bad flags, missing input), 65 malformed history or results.json (file, line and reason printed).
/// </summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model")
        {
            Description = "register | cas-register | kv. Default: results.json's model, else inferred from the history.",
        };
        model.AcceptOnlyFromAmong([.. BuiltInModels.All.Select(m => m.Name)]);
        var output = new Option<string?>("--out") { Description = "Folder to write report.html in. Default: the run folder, or the history's folder." };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds the checker may take; past it the verdict is unknown.",
            DefaultValueFactory = _ => 60,
        };
        var input = new Argument<string>("RUN_DIR|HISTORY") { Description = "A run folder (with history.jsonl) or a history file (JSON Lines)." };

        var command = new Command("report", "Write report.html for a run folder or a history file.");
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(timeLimit);
        command.Arguments.Add(input);
        command.Action = new UsageCheckedAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(input)!;
            var seconds = parseResult.GetValue(timeLimit);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                await error.WriteLineAsync($"raftchaos report: --time-limit must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (path.StartsWith('-') && !File.Exists(path) && !Directory.Exists(path))
            {
                await error.WriteLineAsync($"raftchaos report: unknown option {path}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var options = new ReportLoadOptions
            {
                ModelName = parseResult.GetValue(model),
                OutputDirectory = parseResult.GetValue(output),
                CheckOptions = new CheckOptions { TimeLimit = TimeSpan.FromSeconds(seconds) },
            };
            return await RunAsync(path, options, parseResult.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string path, ReportLoadOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var folder = RunFolder.Locate(path);
            var outputDirectory = options.OutputDirectory ?? folder.Directory;
            var run = await RunReportMapping.LoadAsync(folder, cancellationToken).ConfigureAwait(false);
            var input = await ReportInputLoader.LoadAsync(folder, run, options, cancellationToken).ConfigureAwait(false);
            var model = ReportBuilder.Build(input);
            if (model.Summary.OperationCount == 0)
            {
                await error.WriteLineAsync($"raftchaos report: warning: {path}: the history holds no client operations; the report has nothing to show").ConfigureAwait(false);
            }
            var reportPath = Path.Combine(outputDirectory, ReportWriter.FileName);
            await ReportWriter.WriteAsync(model, reportPath, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(reportPath).Length;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{reportPath}: {model.Summary.Verdict}, {model.Summary.OperationCount:N0} operations, {size / 1024.0:N0} KiB, {stopwatch.Elapsed.TotalMilliseconds:N0} ms")).ConfigureAwait(false);
            return model.Summary.Verdict switch
            {
                "invalid" => ExitCodes.Invalid,
                "unknown" => ExitCodes.Unknown,
                _ => ExitCodes.Valid,
            };
        }
        catch (HistoryFormatException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.DataError;
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"raftchaos report: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            await error.WriteLineAsync($"raftchaos report: {path}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }
    }
}
