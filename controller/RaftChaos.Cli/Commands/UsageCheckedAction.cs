using System.CommandLine;
using System.CommandLine.Invocation;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The action of <c>check</c> and <c>bench-check</c>: parse errors reach it (instead of System.CommandLine's default
/// handler, which exits 1) so bad flags exit with <see cref="ExitCodes.Usage"/> as DESIGN.md requires.
/// </summary>
internal sealed class UsageCheckedAction(Func<ParseResult, CancellationToken, Task<int>> run) : AsynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        if (parseResult.Errors.Count == 0)
        {
            return await run(parseResult, cancellationToken).ConfigureAwait(false);
        }

        var error = parseResult.InvocationConfiguration.Error;
        foreach (var parseError in parseResult.Errors)
        {
            await error.WriteLineAsync($"raftchaos {parseResult.CommandResult.Command.Name}: {parseError.Message}").ConfigureAwait(false);
        }

        await error.WriteLineAsync($"Try 'raftchaos {parseResult.CommandResult.Command.Name} --help'.").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
