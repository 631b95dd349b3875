using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos check [--model register|cas-register|kv] [--time-limit SECONDS] [--configuration-limit N] [--json] FILE...</c>: checks each
/// history file for linearizability and prints one line (or one JSON object) per file. Exit code: 0 all valid,
/// 1 any invalid, 2 any unknown and none invalid, 64 usage error (including a file that cannot be opened),
/// 65 malformed input; when several apply the highest of 64, 65, 1, 2 wins in that order.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model")
        {
            Description = "register | cas-register | kv. Default: kv when the history has keys or uses get/put/append, else cas-register.",
        };
        model.AcceptOnlyFromAmong([.. BuiltInModels.All.Select(m => m.Name)]);
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds allowed per file; past it the verdict is unknown.",
            DefaultValueFactory = _ => 60,
        };
        var configurationLimit = new Option<long>("--configuration-limit")
        {
            Description = "Search configurations allowed per key; past it the key is unknown. Unlike --time-limit, the same on any machine. Default: no bound.",
            DefaultValueFactory = _ => long.MaxValue,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per line per file." };
        var files = new Argument<string[]>("FILE") { Description = "History files (JSON Lines).", Arity = ArgumentArity.OneOrMore };

        var command = new Command("check", "Check history files for linearizability.");
        command.Options.Add(model);
        command.Options.Add(timeLimit);
        command.Options.Add(configurationLimit);
        command.Options.Add(json);
        command.Arguments.Add(files);
        command.Action = new UsageCheckedAction((parseResult, cancellationToken) =>
        {
            var output = new CheckOutput(parseResult.InvocationConfiguration.Output, parseResult.GetValue(json));
            var error = parseResult.InvocationConfiguration.Error;
            var seconds = parseResult.GetValue(timeLimit);
            var paths = parseResult.GetValue(files)!;
            var configurations = parseResult.GetValue(configurationLimit);
            var usage = configurations < 1
                ? $"--configuration-limit must be at least 1, got {configurations.ToString(CultureInfo.InvariantCulture)}"
                : Validate(seconds, paths);
            if (usage is not null)
            {
                error.WriteLine($"raftchaos check: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            var options = new CheckOptions { TimeLimit = TimeSpan.FromSeconds(seconds), ConfigurationLimit = configurations };
            var exitCode = ExitCodes.Valid;
            foreach (var path in paths)
            {
                var fileExitCode = CheckFile(path, parseResult.GetValue(model), options, output, error, cancellationToken);
                exitCode = Worse(exitCode, fileExitCode);
            }

            return Task.FromResult(exitCode);
        });
        return command;
    }

    private static string? Validate(double seconds, string[] paths)
    {
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            return $"--time-limit must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}";
        }

        var option = paths.FirstOrDefault(path => path.StartsWith('-') && !File.Exists(path));
        return option is null ? null : $"unknown option {option}";
    }

    private static int CheckFile(string path, string? modelName, CheckOptions options, CheckOutput output, TextWriter error, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var history = OperationHistory.Load(path);
            if (history.Operations.Count == 0)
            {
                // Valid by definition, which is rarely what the user meant: a workload that never ran, or the wrong file.
                error.WriteLine($"{path}: warning: the history holds no client operations ({history.EventCount} events read); nothing was checked");
            }
            var model = modelName is null ? BuiltInModels.Infer(history) : BuiltInModels.Find(modelName)!;
            var result = new LinearizabilityChecker(options).Check(history, model, cancellationToken);
            output.WriteResult(path, result, stopwatch.Elapsed);
            return result.Verdict switch
            {
                Verdict.Valid => ExitCodes.Valid,
                Verdict.Invalid => ExitCodes.Invalid,
                _ => ExitCodes.Unknown,
            };
        }
        catch (HistoryFormatException ex)
        {
            error.WriteLine(ex.Message);
            output.WriteError(path, ex.Reason, ex.Line);
            return ExitCodes.DataError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            error.WriteLine($"{path}: cannot read: {ex.Message}");
            output.WriteError(path, $"cannot read: {ex.Message}", null);
            return ExitCodes.NoInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"{path}: cancelled");
            return ExitCodes.Unknown;
        }
    }

    // Usage > missing input > malformed > invalid > unknown > valid.
    private static int Worse(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int exitCode) => exitCode switch
    {
        ExitCodes.Usage => 5,
        ExitCodes.NoInput => 4,
        ExitCodes.DataError => 3,
        ExitCodes.Invalid => 2,
        ExitCodes.Unknown => 1,
        _ => 0,
    };
}
