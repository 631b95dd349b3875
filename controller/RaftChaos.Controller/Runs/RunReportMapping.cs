using System.Globalization;
using RaftChaos.Controller.Checks;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// Turns a run record into what the report shows, in words: the report speaks of checks, findings, faults and
/// processes, and this is the one place where the run's own vocabulary (leaders, terms, failover) becomes labels.
/// </summary>
public static class RunReportMapping
{
    /// <summary>
    /// The report's view of <paramref name="record"/>; the node logs give the leader lane (which node led when) when the
    /// record knows its history's origin and the logs have leader lines.
    /// </summary>
    public static ReportRun From(RunRecord record, IEnumerable<string> nodeLogLines)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(nodeLogLines);
        var lane = record.HistoryOrigin is { } origin ? LeaderLane.From(nodeLogLines, origin, LeaderLane.ParserFor(record.Configuration.Target)) : null;
        IReadOnlyList<ReportLane> lanes = lane is { Segments.Count: > 0 } ? [lane] : [];
        return new ReportRun(
            record.TestName,
            record.Model,
            record.Configuration.Seed,
            record.ReplayCommand,
            Configuration(record.Configuration),
            record.Checks,
            Figures(record),
            lanes,
            record.ProcessNodes,
            record.CheckerMs);
    }

    /// <summary>
    /// The report's view of the run folder <paramref name="folder"/>: from its results.json and node logs, or
    /// <see cref="ReportRun.Empty"/> for a lone history.
    /// </summary>
    /// <exception cref="RaftChaos.Checker.History.HistoryFormatException">results.json is not a run record.</exception>
    public static async Task<ReportRun> LoadAsync(RunFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!folder.Files.Any(f => string.Equals(Path.GetFileName(f), RunRecordFile.FileName, StringComparison.Ordinal))) return ReportRun.Empty;
        var record = await RunRecordFile.LoadAsync(folder.Directory, cancellationToken).ConfigureAwait(false);
        return From(record, NodeLogs.ReadLines(Path.Combine(folder.Directory, "nodes")));
    }

    /// <summary>The settings as a person reads them, e.g. "Faults" = "partition, kill every 10 s, each held 60 %".</summary>
    public static IReadOnlyList<ReportField> Configuration(RunConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var fields = new List<ReportField>
        {
            new("System under test", c.Target),
            new("Nodes", Number(c.Nodes)),
            new("Workload", c.Workload == "kv" ? $"kv, {Number(c.Keys)} keys" : c.Workload),
            new("Faults", c.Nemesis == "none" ? "none" : $"{c.Nemesis.Replace(",", ", ", StringComparison.Ordinal)}, one every {Number(c.NemesisIntervalSeconds)} s"),
            new("Length", $"{Number(c.TimeLimitSeconds)} s"),
            new("Clients", $"{Number(c.Concurrency)} processes, {Number(c.Rate)} operations/s in all, {Number(c.TimeoutMs)} ms timeout"),
            new("Seed", Number(c.Seed)),
        };
        if (c.Unsafe.Count > 0) fields.Add(new ReportField("Bugs switched on", string.Join(", ", c.Unsafe)));
        if (c.Failpoint is not null) fields.Add(new ReportField("Failpoint", c.Failpoint));
        return fields;
    }

    // Measured figures, labelled in words with their unit.
    private static IReadOnlyList<ReportField> Figures(RunRecord record)
    {
        var counts = record.Counts;
        var fields = new List<ReportField>
        {
            new("Cluster start", Seconds(record.ClusterStartMs)),
            new("Fault events", Number(counts.NemesisEvents)),
        };
        if (record.Failover is { } f)
        {
            fields.Add(new ReportField("Time without a leader", Seconds(f.TimeWithoutLeaderMs)));
            fields.Add(new ReportField("Terms", Number(f.Terms)));
            var kills = string.Join(", ", f.KillToNextWriteMs.Select(k => $"{k.Node} at {Seconds(k.AtMs)}: {(k.Ms is { } ms ? Seconds(ms) : "no write after")}"));
            fields.Add(new ReportField("Leader kills → next acknowledged write", f.KillToNextWriteMs.Count == 0 ? "no leader was killed" : kills));
        }
        if (record.HealProblems.Count > 0) fields.Add(new ReportField("Not healed", string.Join("; ", record.HealProblems)));
        return fields;
    }

    private static string Seconds(double ms) => (ms / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " s";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
