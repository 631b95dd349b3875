using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Rendering;

/// <summary>
/// Writes <c>report.html</c>: one self-contained file (inline CSS, script and the data as JSON; the page draws SVG and
/// canvas itself) that makes no request to any network address. The templates are embedded resources
/// (<c>Resources/report.html</c>, <c>report.css</c>, <c>report-*.js</c>).
/// </summary>
public static class ReportWriter
{
    // The page script, in load order: data and helpers, verdict, checks, summary and counterexample, timeline, overview
    // strip, plots, start-up.
    private static readonly string[] Scripts = ["report-base.js", "report-summary.js", "report-timeline.js", "report-overview.js", "report-plots.js", "report-main.js"];

    /// <summary>The report's file name inside a run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report for <paramref name="model"/> to <paramref name="path"/>, creating its folder.</summary>
    public static async Task WriteAsync(ReportModel model, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(model, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the report for <paramref name="model"/> to <paramref name="stream"/> (left open).</summary>
    public static async Task WriteAsync(ReportModel model, Stream stream, CancellationToken cancellationToken)
    {
        var template = Resource("report.html");
        var (head, tail) = Split(template, "{{DATA}}");
        head = head
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(model.Summary.Title), StringComparison.Ordinal)
            .Replace("/*{{CSS}}*/", Resource("report.css"), StringComparison.Ordinal);
        tail = tail.Replace("/*{{JS}}*/", string.Join("\n", Scripts.Select(Resource)), StringComparison.Ordinal);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head), cancellationToken).ConfigureAwait(false);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        using (var json = new Utf8JsonWriter(buffer))
        {
            ReportDataWriter.Write(json, model);
        }

        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(tail), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (string Head, string Tail) Split(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"report template has no {marker}");
        }

        return (text[..at], text[(at + marker.Length)..]);
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RaftChaos.Report." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
