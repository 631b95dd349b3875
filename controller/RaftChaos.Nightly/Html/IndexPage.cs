using System.Globalization;
using System.Text;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Report.Rendering;
using static System.Net.WebUtility;

namespace RaftChaos.Nightly.Html;

/// <summary>
/// The night's index.html: verdict banner, what failed with its replay command, the runs with links to their reports,
/// the matrix, and the trend across the last nights. Self-contained and static (no script; a Content-Security-Policy
/// forbids any network request); it borrows the history report's stylesheet so both pages look alike.
/// </summary>
public static class IndexPage
{
    /// <summary>The file name in a night's folder.</summary>
    public const string FileName = "index.html";

    // Classes the report's stylesheet does not have.
    private const string ExtraCss = """
        .pill.error, .pill.interrupted { background: var(--muted); }
        td.yes { color: var(--ok); font-weight: 600; } td.no { color: var(--fail); font-weight: 600; }
        ul.failures { margin: 0; padding-left: 18px; } ul.failures li { margin-bottom: 8px; }
        svg.bars rect { fill: #2563eb; } svg.bars text { font-size: 10px; fill: var(--muted); }
        """;

    /// <summary>Writes the page for <paramref name="summary"/> to <paramref name="path"/>.</summary>
    public static Task WriteAsync(NightlySummary summary, IReadOnlyList<NightTrend> trend, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(summary, trend), cancellationToken);

    /// <summary>The page for <paramref name="summary"/>. Pure.</summary>
    public static string Render(NightlySummary summary, IReadOnlyList<NightTrend> trend)
    {
        var figures = NightFigures.From(summary);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            """);
        html.Append(CultureInfo.InvariantCulture, $"<title>Nightly {HtmlEncode(summary.Name)} · RaftChaos</title>\n<style>\n{Stylesheet()}\n{ExtraCss}\n</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"""
            <header id="top"><div class="brand">RaftChaos · nightly</div><h1>Night {HtmlEncode(summary.Name)}</h1>
            <nav><a href="#runs">Runs</a><a href="#matrix">Matrix</a><a href="#trend">Trend</a></nav></header>
            <main>
            <section class="banner {(summary.Passed ? "valid" : "invalid")}" id="verdict"><span class="word">{(summary.Passed ? "PASSED" : "FAILED")}</span>
            <span class="why">{figures.Valid}/{figures.CleanRuns} clean runs valid ({figures.Invalid} invalid, {figures.Unknown} unknown, {figures.Errors} without verdict);
            bugs caught {figures.BugsCaught}/{figures.Bugs}; seed {summary.Plan.Seed}; {Duration(summary.FinishedAt - summary.StartedAt)}; exit {summary.ExitCode}</span></section>

            """);
        if (summary.Failures.Count > 0)
        {
            html.Append("<section id=\"failures\"><h2>What failed</h2><ul class=\"failures\">\n");
            foreach (var failure in summary.Failures)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlEncode(failure.What)}");
                if (failure.Report is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $" · <a href=\"{HtmlEncode(failure.Report)}\">report</a>");
                }

                if (failure.Replay is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<div class=\"replay\">replay: <code>{HtmlEncode(failure.Replay)}</code></div>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul></section>\n");
        }

        AppendRuns(html, summary);
        AppendMatrix(html, summary);
        AppendTrend(html, trend, summary.Name);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendRuns(StringBuilder html, NightlySummary summary)
    {
        html.Append("<section id=\"runs\"><h2>Runs</h2>");
        if (summary.NotRun.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Not run: {HtmlEncode(string.Join(", ", summary.NotRun))}</p>");
        }

        html.Append("""
            <table><thead><tr><th>run</th><th>kind</th><th>configuration</th><th class="num">seed</th><th class="num">ok</th><th class="num">fail</th>
            <th class="num">info</th><th>verdict</th><th class="num">duration</th><th class="num">no leader</th><th class="num">kill→write</th><th>report</th></tr></thead><tbody>

            """);
        foreach (var record in summary.Runs)
        {
            var o = record.Outcome;
            var verdict = o.Verdict.ToString().ToLowerInvariant();
            var title = o.Error ?? o.Detection?.Text ?? "";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-run="{HtmlEncode(record.Run.Name)}"><td class="mono">{HtmlEncode(record.Run.Name)}</td><td>{(record.Run.Kind == RunKind.Clean ? "clean" : "matrix")}</td>
                <td class="mono">{HtmlEncode(record.Run.Configuration)}</td><td class="num">{record.Run.Seed}</td>
                <td class="num">{o.Counts?.Ok.ToString(CultureInfo.InvariantCulture) ?? "–"}</td><td class="num">{o.Counts?.Fail.ToString(CultureInfo.InvariantCulture) ?? "–"}</td>
                <td class="num">{o.Counts?.Info.ToString(CultureInfo.InvariantCulture) ?? "–"}</td>
                <td><span class="pill {verdict}" title="{HtmlEncode(title)}">{verdict}</span>{(o.AsExpected ? "" : " ✗")}</td>
                <td class="num">{Duration(o.Duration)}</td><td class="num">{Seconds(o.Failover?.TimeWithoutLeaderMs / 1000)}</td>
                <td class="num">{Seconds(o.Failover?.MedianKillToNextWriteMs / 1000)}</td>
                <td>{(record.RelativeReport is null ? "–" : $"<a href=\"{HtmlEncode(record.RelativeReport)}\">report</a>")}</td></tr>

                """);
        }

        html.Append("</tbody></table>\n<p class=\"muted\">Replay any run with the command in summary.json (<code>runs[].replay</code>); ✗ marks a run whose verdict is not the expected one.</p></section>\n");
    }

    private static void AppendMatrix(StringBuilder html, NightlySummary summary)
    {
        html.Append("<section id=\"matrix\"><h2>Validation matrix</h2>");
        if (summary.Matrix.Count == 0)
        {
            html.Append("<p class=\"muted\">Not run tonight (<code>raftchaos nightly --matrix</code>).</p></section>\n");
            return;
        }

        html.Append("""
            <table><thead><tr><th>bug</th><th>faults</th><th>caught</th><th class="num">seeds caught</th><th class="num">detection rate</th>
            <th class="num">detected after (max)</th><th class="num">(median)</th><th>failing key</th><th>runs</th></tr></thead><tbody>

            """);
        foreach (var bug in summary.Matrix)
        {
            var runs = string.Join(" ", bug.Runs.Select(r => r.RelativeReport is null
                ? $"<span title=\"{HtmlEncode(r.Run.ReplayCommand)}\">{r.Run.Seed}</span>"
                : $"<a href=\"{HtmlEncode(r.RelativeReport)}\" title=\"{HtmlEncode(r.Run.ReplayCommand)}\">{r.Run.Seed}</a>"));
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-bug="{HtmlEncode(bug.Exposure.Bug)}"><td class="mono" title="{HtmlEncode(bug.Exposure.Why)}">{HtmlEncode(bug.Exposure.Bug)}</td>
                <td class="mono">{HtmlEncode(bug.Exposure.Nemesis)}, n{bug.Exposure.Nodes}</td><td class="{(bug.IsCaught ? "yes" : "no")}">{(bug.IsCaught ? "yes" : "no")}</td>
                <td class="num">{bug.CaughtSeeds.Count}/{bug.Runs.Count}</td><td class="num">{bug.DetectionRate:P0}</td>
                <td class="num">{Seconds(bug.DetectedAfterSeconds)}</td><td class="num">{Seconds(bug.MedianDetectedAfterSeconds)}</td>
                <td class="mono">{HtmlEncode(bug.FailingKey ?? bug.FoundIn ?? "–")}</td><td>{runs}</td></tr>

                """);
        }

        html.Append("</tbody></table>\n<p class=\"muted\">Detected after: run time from the first event to the completion of the first operation that cannot be linearized.</p></section>\n");
    }

    private static void AppendTrend(StringBuilder html, IReadOnlyList<NightTrend> trend, string current)
    {
        html.Append("<section id=\"trend\"><h2>Trend</h2>");
        if (trend.Count == 0)
        {
            html.Append("<p class=\"muted\">No nights found.</p></section>\n");
            return;
        }

        html.Append("""
            <table><thead><tr><th>night</th><th>result</th><th class="num">clean runs</th><th class="num">valid</th><th class="num">invalid</th>
            <th class="num">unknown</th><th class="num">no verdict</th><th class="num">bugs caught</th><th class="num">no leader (median)</th>
            <th class="num">kill→write (median)</th></tr></thead><tbody>

            """);
        foreach (var night in trend)
        {
            var f = night.Figures;
            var name = night.Name == current ? $"<b>{HtmlEncode(night.Name)}</b>" : $"<a href=\"../{HtmlEncode(night.Name)}/{FileName}\">{HtmlEncode(night.Name)}</a>";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-night="{HtmlEncode(night.Name)}"><td class="mono">{name}</td><td class="{(night.Passed ? "yes" : "no")}">{(night.Passed ? "passed" : "failed")}</td>
                <td class="num">{f.CleanRuns}</td><td class="num">{f.Valid}</td><td class="num">{f.Invalid}</td><td class="num">{f.Unknown}</td><td class="num">{f.Errors}</td>
                <td class="num">{f.BugsCaught}/{f.Bugs}</td><td class="num">{Seconds(f.TimeWithoutLeaderSeconds)}</td><td class="num">{Seconds(f.KillToNextWriteSeconds)}</td></tr>

                """);
        }

        html.Append("</tbody></table>\n");
        AppendBars(html, trend);
        html.Append("</section>\n");
    }

    // Median time without a leader per night as bars: a regression in failover shows as a step.
    private static void AppendBars(StringBuilder html, IReadOnlyList<NightTrend> trend)
    {
        var values = trend.Select(n => n.Figures.TimeWithoutLeaderSeconds).ToArray();
        var max = values.OfType<double>().DefaultIfEmpty(0).Max();
        if (max <= 0)
        {
            return;
        }

        const int barWidth = 28, height = 80;
        html.Append(CultureInfo.InvariantCulture, $"<h3>Median time without a leader per night (max {max:0.###} s)</h3><svg class=\"bars\" width=\"{values.Length * barWidth + 10}\" height=\"{height + 14}\" role=\"img\">");
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } v)
            {
                continue;
            }

            var h = Math.Max(1, v / max * height);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * barWidth + 4}\" y=\"{height - h:0.#}\" width=\"{barWidth - 6}\" height=\"{h:0.#}\"><title>{HtmlEncode(trend[i].Name)}: {v:0.###} s</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{i * barWidth + 4}\" y=\"{height + 12}\">{i + 1}</text>");
        }

        html.Append("</svg>\n");
    }

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "–";

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Stylesheet()
    {
        // The report embeds report.css as a resource; reading it keeps one stylesheet for both pages.
        using var stream = typeof(ReportWriter).Assembly.GetManifestResourceStream("RaftChaos.Report.report.css");
        if (stream is null)
        {
            return "";
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
