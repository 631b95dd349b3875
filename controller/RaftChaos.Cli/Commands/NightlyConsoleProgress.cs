using System.Globalization;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// Progress of <c>raftchaos nightly</c> as one line per run start and end, with the estimate of the remaining time.
/// Plain lines rather than a live display: a night runs for hours, often with its output piped to a log.
/// </summary>
internal sealed class NightlyConsoleProgress(TextWriter output) : INightlyProgress
{
    /// <inheritdoc />
    public void RunStarting(PlannedRun run, int done, int total, TimeSpan remaining) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{done + 1,3}/{total}] {run.Name}: {run.Configuration} seed {run.Seed} ... (about {Format(remaining)} left)"));

    /// <inheritdoc />
    public void RunFinished(RunOutcome outcome, int done, int total, TimeSpan remaining)
    {
        var mark = outcome.AsExpected ? "ok" : "FAILED";
        var counts = outcome.Counts is { } c ? $", ops ok {c.Ok} fail {c.Fail} info {c.Info}" : "";
        var detection = outcome.Detection is { } d ? $", caught after {d.AfterSeconds:0.#} s by {d.Check}" : "";
        var engine = outcome.Engine is { } e ? $" on {e}" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{done,3}/{total}] {outcome.Run.Name}: {SummaryBuilder.Describe(outcome)} [{mark}]{engine} in {Format(outcome.Duration)}{counts}{detection}; about {Format(remaining)} left"));
        if (!outcome.AsExpected)
        {
            output.WriteLine($"          replay: {outcome.Run.ReplayCommand}");
        }

        output.Flush();
    }

    /// <summary>1h02m, 4m05s or 12s.</summary>
    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(span.TotalSeconds)}s");
}
