using System.Globalization;
using RaftChaos.Nightly;
using RaftChaos.Nightly.Summary;

namespace RaftChaos.Cli.Commands;

/// <summary>The end of <c>raftchaos nightly</c> on the terminal: totals, the matrix, what failed and how to replay it, and the files.</summary>
internal static class NightlyReport
{
    /// <summary>Prints <paramref name="result"/>.</summary>
    public static async Task PrintAsync(NightlyResult result, TextWriter output)
    {
        var summary = result.Summary;
        var figures = NightFigures.From(summary);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"nightly {summary.Name}: {(summary.Passed ? "PASSED" : "FAILED")} — clean runs {figures.Valid}/{figures.CleanRuns} valid ({figures.Invalid} invalid, {figures.Unknown} unknown, {figures.Errors} without verdict); bugs caught {figures.BugsCaught}/{figures.Bugs}")).ConfigureAwait(false);
        foreach (var bug in summary.Matrix)
        {
            var after = bug.DetectedAfterSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $", detected within {s:0.#} s") : "";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {bug.Exposure.Bug,-20} {(bug.IsCaught ? "caught" : "NOT CAUGHT"),-10} {bug.CaughtSeeds.Count}/{bug.Runs.Count} seeds{after}")).ConfigureAwait(false);
        }

        foreach (var failure in summary.Failures)
        {
            await output.WriteLineAsync($"  failed: {failure.What}").ConfigureAwait(false);
            if (failure.Replay is not null) await output.WriteLineAsync($"    replay: {failure.Replay}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"summary: {result.SummaryPath}").ConfigureAwait(false);
        await output.WriteLineAsync($"page:    {result.IndexPath}").ConfigureAwait(false);
    }
}
