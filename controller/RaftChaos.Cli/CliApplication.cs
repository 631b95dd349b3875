using System.CommandLine;
using RaftChaos.Cli.Commands;

namespace RaftChaos.Cli;

/// <summary>
/// The `raftchaos` command tree and its invocation, kept out of Program.cs so tests can run the real CLI in-process
/// with their own output writers.
/// </summary>
public static class CliApplication
{
    /// <summary>Builds the root command with every subcommand registered.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("raftchaos: a chaos-testing bed for a Raft-replicated store");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(BenchCheckCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(KvCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(ImagesCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(BenchReportCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(EngineCommand.Create());
        root.Subcommands.Add(NightlyCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Parse errors of any command exit with <see cref="ExitCodes.Usage"/>
    /// (System.CommandLine's own handler would exit 1, which means "invalid" here).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.CommandResult.Command.Name == NightlyCommand.Name)
        {
            // The night waits for the current run to clean up after Ctrl-C; System.CommandLine would return 130 after 2 s.
            configuration.ProcessTerminationTimeout = null;
        }

        // Every command's parse errors end here, before any action runs. A command whose action clears parse errors
        // (UsageCheckedAction) gets no error for an unknown token from the parser, only an unmatched token, and used to run
        // with it silently ignored ('run --nodse 3' ran five nodes): unmatched tokens are errors too.
        var messages = parseResult.Errors.Select(e => e.Message).ToList();
        messages.AddRange(parseResult.UnmatchedTokens
            .Where(token => !messages.Any(m => m.Contains($"'{token}'", StringComparison.Ordinal)))
            .Select(token => $"Unrecognized command or argument '{token}'."));
        if (messages.Count > 0)
        {
            var name = CommandPath(parseResult);
            foreach (var message in messages)
            {
                await configuration.Error.WriteLineAsync($"{name}: {message}").ConfigureAwait(false);
            }

            foreach (var token in parseResult.UnmatchedTokens)
            {
                if (Suggestions.For(parseResult.CommandResult.Command, token) is { } suggestion)
                {
                    await configuration.Error.WriteLineAsync($"{name}: '{token}': did you mean '{suggestion}'?").ConfigureAwait(false);
                }
            }

            await configuration.Error.WriteLineAsync($"Try '{name} --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    // "raftchaos kv put": the names from the root down to the command that failed to parse.
    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "raftchaos" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
