using System.Text.Encodings.Web;
using System.Text.Json;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// Writes summary.json (snake_case, documented in docs/validation.md). A run's <c>valid</c> is <c>true</c>,
/// <c>false</c> or <c>"unknown"</c> (unknown verdict, error or interrupted; <c>verdict</c> says which).
/// </summary>
public static class SummaryJson
{
    /// <summary>The file name in a night's folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>Writes <paramref name="summary"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(NightlySummary summary, string path, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            Write(summary, stream);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="summary"/> as indented JSON to <paramref name="stream"/>.</summary>
    public static void Write(NightlySummary summary, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var figures = NightFigures.From(summary);
        w.WriteStartObject();
        w.WriteString("name", summary.Name);
        w.WriteString("started_at", summary.StartedAt.UtcDateTime.ToString("O"));
        w.WriteString("finished_at", summary.FinishedAt.UtcDateTime.ToString("O"));
        w.WriteNumber("duration_s", Math.Round((summary.FinishedAt - summary.StartedAt).TotalSeconds, 1));
        w.WriteNumber("seed", summary.Plan.Seed);
        w.WriteBoolean("passed", summary.Passed);
        w.WriteNumber("exit_code", summary.ExitCode);
        WriteConfiguration(w, summary.Plan);
        w.WriteStartObject("totals");
        w.WriteNumber("clean_runs", figures.CleanRuns);
        w.WriteNumber("valid", figures.Valid);
        w.WriteNumber("invalid", figures.Invalid);
        w.WriteNumber("unknown", figures.Unknown);
        w.WriteNumber("errors", figures.Errors);
        w.WriteNumber("bugs", figures.Bugs);
        w.WriteNumber("bugs_caught", figures.BugsCaught);
        w.WriteEndObject();
        w.WriteStartObject("figures");
        Number(w, "time_without_leader_s_median", figures.TimeWithoutLeaderSeconds);
        Number(w, "kill_to_next_write_s_median", figures.KillToNextWriteSeconds);
        w.WriteEndObject();
        w.WriteStartArray("runs");
        foreach (var record in summary.Runs)
        {
            WriteRun(w, record);
        }

        w.WriteEndArray();
        w.WriteStartArray("matrix");
        foreach (var bug in summary.Matrix)
        {
            WriteBug(w, bug);
        }

        w.WriteEndArray();
        w.WriteStartArray("not_run");
        foreach (var name in summary.NotRun) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteBoolean("interrupted", summary.Interrupted);
        NullableString(w, "abort_reason", summary.AbortReason);
        w.WriteStartArray("failures");
        foreach (var failure in summary.Failures)
        {
            w.WriteStartObject();
            w.WriteString("what", failure.What);
            NullableString(w, "replay", failure.Replay);
            NullableString(w, "report", failure.Report);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteConfiguration(Utf8JsonWriter w, NightlyPlan plan)
    {
        var clean = plan.CleanRuns.ToArray();
        w.WriteStartObject("configuration");
        w.WriteNumber("runs", clean.Length);
        w.WriteStartArray("targets");
        foreach (var target in clean.Select(r => r.Settings.Target).Distinct()) w.WriteStringValue(target);
        w.WriteEndArray();
        w.WriteNumber("time_limit_s", plan.Runs.Count == 0 ? 0 : plan.Runs[0].TimeLimit.TotalSeconds);
        w.WriteStartArray("nodes");
        foreach (var n in clean.Select(r => r.Nodes).Distinct()) w.WriteNumberValue(n);
        w.WriteEndArray();
        w.WriteStartArray("workloads");
        foreach (var workload in clean.Select(r => r.Workload).Distinct()) w.WriteStringValue(workload);
        w.WriteEndArray();
        w.WriteStartArray("nemeses");
        foreach (var nemesis in clean.Select(r => r.Nemesis).Distinct()) w.WriteStringValue(nemesis);
        w.WriteEndArray();
        w.WriteBoolean("matrix", plan.Exposures.Count > 0);
        w.WriteNumber("matrix_seeds", plan.Exposures.Count == 0 ? 0 : plan.MatrixRuns.Count() / plan.Exposures.Count);
        w.WriteNumber("estimated_s", Math.Round(plan.EstimatedTotal.TotalSeconds));
        w.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter w, RunRecord record)
    {
        var run = record.Run;
        var outcome = record.Outcome;
        w.WriteStartObject();
        w.WriteString("name", run.Name);
        w.WriteString("kind", run.Kind == RunKind.Clean ? "clean" : "matrix");
        w.WriteNumber("seed", run.Seed);
        if (record.Valid is { } valid) w.WriteBoolean("valid", valid);
        else w.WriteString("valid", "unknown");
        w.WriteString("verdict", outcome.Verdict.ToString().ToLowerInvariant());
        w.WriteBoolean("as_expected", outcome.AsExpected);
        w.WriteStartObject("configuration");
        w.WriteNumber("nodes", run.Nodes);
        w.WriteString("workload", run.Workload);
        w.WriteString("nemesis", run.Nemesis);
        NullableString(w, "unsafe", run.Unsafe);
        w.WriteNumber("time_limit_s", run.TimeLimit.TotalSeconds);
        w.WriteEndObject();
        if (outcome.Counts is { } counts)
        {
            w.WriteStartObject("ops");
            w.WriteNumber("ok", counts.Ok);
            w.WriteNumber("fail", counts.Fail);
            w.WriteNumber("info", counts.Info);
            w.WriteNumber("total", counts.Ok + counts.Fail + counts.Info);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("ops");
        }

        w.WriteNumber("duration_s", Math.Round(outcome.Duration.TotalSeconds, 1));
        NullableString(w, "engine", outcome.Engine);
        NullableString(w, "path", record.RelativeFolder);
        NullableString(w, "report", record.RelativeReport);
        w.WriteString("replay", run.ReplayCommand);
        if (outcome.ExitCode is { } code) w.WriteNumber("exit_code", code);
        else w.WriteNull("exit_code");
        if (outcome.Failover is { } failover)
        {
            w.WriteStartObject("failover");
            Number(w, "time_without_leader_s", failover.TimeWithoutLeaderMs / 1000);
            Number(w, "kill_to_next_write_s_median", failover.MedianKillToNextWriteMs / 1000);
            w.WriteNumber("leader_kills", failover.KillToNextWriteMs.Count);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("failover");
        }

        Number(w, "detected_after_s", outcome.Detection?.AfterSeconds);
        NullableString(w, "failing_key", outcome.Detection?.Key);
        NullableString(w, "first_anomaly", outcome.Detection?.Text);
        NullableString(w, "error", outcome.Error);
        w.WriteEndObject();
    }

    private static void WriteBug(Utf8JsonWriter w, BugRecord bug)
    {
        w.WriteStartObject();
        w.WriteString("bug", bug.Exposure.Bug);
        w.WriteString("nemesis", bug.Exposure.Nemesis);
        w.WriteString("workload", bug.Exposure.Workload);
        w.WriteNumber("nodes", bug.Exposure.Nodes);
        w.WriteString("why", bug.Exposure.Why);
        w.WriteBoolean("caught", bug.IsCaught);
        w.WriteBoolean("caught_every_seed", bug.CaughtInEverySeed);
        w.WriteStartArray("seeds");
        foreach (var seed in bug.Seeds) w.WriteNumberValue(seed);
        w.WriteEndArray();
        w.WriteStartArray("caught_seeds");
        foreach (var seed in bug.CaughtSeeds) w.WriteNumberValue(seed);
        w.WriteEndArray();
        w.WriteNumber("detection_rate", Math.Round(bug.DetectionRate, 3));
        Number(w, "detected_after_s", bug.DetectedAfterSeconds);
        Number(w, "detected_after_median_s", bug.MedianDetectedAfterSeconds);
        NullableString(w, "failing_key", bug.FailingKey);
        w.WriteStartArray("runs");
        foreach (var record in bug.Runs) w.WriteStringValue(record.Run.Name);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 3));
        else w.WriteNull(name);
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
