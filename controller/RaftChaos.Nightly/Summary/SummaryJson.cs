using System.Text.Encodings.Web;
using System.Text.Json;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// Writes summary.json (camelCase like results.json, documented in docs/validation.md) through the source-generated
/// <see cref="SummaryJsonContext"/>. A run's <c>valid</c> is <c>true</c>, <c>false</c> or <c>"unknown"</c> (unknown
/// verdict, error or interrupted; <c>verdict</c> says which). Nights written before format 2 used snake_case names;
/// <see cref="TrendReader"/> still reads them.
/// </summary>
public static class SummaryJson
{
    /// <summary>The file name in a night's folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The format written: 2 is camelCase (1, never written as a field, was snake_case).</summary>
    public const int FormatVersion = 2;

    // Relaxed escaping: replay commands and failure texts stay readable (no \u0027 for quotes).
    private static readonly SummaryJsonContext Context = new(new JsonSerializerOptions(SummaryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes <paramref name="summary"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(NightlySummary summary, string path, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, ToDocument(summary), Context.SummaryDocument, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="summary"/> as indented JSON to <paramref name="stream"/>.</summary>
    public static void Write(NightlySummary summary, Stream stream)
        => JsonSerializer.Serialize(stream, ToDocument(summary), Context.SummaryDocument);

    private static SummaryDocument ToDocument(NightlySummary summary)
    {
        var figures = NightFigures.From(summary);
        return new SummaryDocument(
            FormatVersion,
            summary.Name,
            summary.StartedAt.UtcDateTime,
            summary.FinishedAt.UtcDateTime,
            Math.Round((summary.FinishedAt - summary.StartedAt).TotalSeconds, 1),
            summary.Plan.Seed,
            summary.Passed,
            summary.ExitCode,
            Configuration(summary.Plan),
            new SummaryTotalsDocument(figures.CleanRuns, figures.Valid, figures.Invalid, figures.Unknown, figures.Errors, figures.Bugs, figures.BugsCaught),
            new SummaryFiguresDocument(Round(figures.TimeWithoutLeaderSeconds), Round(figures.KillToNextWriteSeconds)),
            [.. summary.Runs.Select(Run)],
            [.. summary.Matrix.Select(Bug)],
            summary.NotRun,
            summary.Interrupted,
            summary.AbortReason,
            [.. summary.Failures.Select(f => new SummaryFailureDocument(f.What, f.Replay, f.Report))]);
    }

    private static SummaryConfigurationDocument Configuration(NightlyPlan plan)
    {
        var clean = plan.CleanRuns.ToArray();
        return new SummaryConfigurationDocument(
            clean.Length,
            [.. clean.Select(r => r.Settings.Target).Distinct()],
            plan.Runs.Count == 0 ? 0 : plan.Runs[0].TimeLimit.TotalSeconds,
            [.. clean.Select(r => r.Nodes).Distinct()],
            [.. clean.Select(r => r.Workload).Distinct()],
            [.. clean.Select(r => r.Nemesis).Distinct()],
            plan.Exposures.Count > 0,
            plan.Exposures.Count == 0 ? 0 : plan.MatrixRuns.Count() / plan.Exposures.Count,
            Math.Round(plan.EstimatedTotal.TotalSeconds));
    }

    private static SummaryRunDocument Run(RunRecord record)
    {
        var run = record.Run;
        var outcome = record.Outcome;
        return new SummaryRunDocument(
            run.Name,
            run.Kind == RunKind.Clean ? "clean" : "matrix",
            run.Seed,
            record.Valid,
            outcome.Verdict.ToString().ToLowerInvariant(),
            outcome.AsExpected,
            new SummaryRunConfigurationDocument(run.Nodes, run.Workload, run.Nemesis, run.Unsafe, run.TimeLimit.TotalSeconds),
            outcome.Counts is { } c ? new SummaryOpsDocument(c.Ok, c.Fail, c.Info, c.Ok + c.Fail + c.Info) : null,
            Math.Round(outcome.Duration.TotalSeconds, 1),
            outcome.Engine,
            record.RelativeFolder,
            record.RelativeReport,
            run.ReplayCommand,
            outcome.ExitCode,
            outcome.Failover is { } f
                ? new SummaryFailoverDocument(Round(f.TimeWithoutLeaderMs / 1000), Round(f.MedianKillToNextWriteMs / 1000), f.KillToNextWriteMs.Count)
                : null,
            Round(outcome.Detection?.AfterSeconds),
            outcome.Detection?.Key,
            outcome.Detection?.Text,
            outcome.Error);
    }

    private static SummaryBugDocument Bug(BugRecord bug) => new(
        bug.Exposure.Bug,
        bug.Exposure.Nemesis,
        bug.Exposure.Workload,
        bug.Exposure.Nodes,
        bug.Exposure.Why,
        bug.IsCaught,
        bug.CaughtInEverySeed,
        bug.Seeds,
        bug.CaughtSeeds,
        Math.Round(bug.DetectionRate, 3),
        Round(bug.DetectedAfterSeconds),
        Round(bug.MedianDetectedAfterSeconds),
        bug.FailingKey,
        [.. bug.Runs.Select(r => r.Run.Name)]);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
