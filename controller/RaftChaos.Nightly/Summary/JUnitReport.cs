using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// The night as JUnit XML (<c>raftchaos nightly --junit FILE</c>), the format every CI system shows: a suite of clean runs
/// with one test case per run (passed when valid) and a suite of the bug matrix with one test case per bug (passed when
/// caught in every seed). A run that never started is a skipped case; a run with no verdict is an error.
/// </summary>
public static class JUnitReport
{
    /// <summary>The XML document for <paramref name="summary"/>.</summary>
    public static XDocument Build(NightlySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var clean = summary.CleanRuns.Select(CleanCase).ToList();
        clean.AddRange(summary.NotRun.Where(name => summary.Plan.CleanRuns.Any(r => r.Name == name))
            .Select(name => new XElement("testcase", new XAttribute("classname", "clean"), new XAttribute("name", name), new XElement("skipped"))));
        var matrix = summary.Matrix.Select(BugCase).ToList();
        return new XDocument(new XElement("testsuites",
            new XAttribute("name", $"raftchaos nightly {summary.Name}"),
            Suite("clean", clean, summary),
            Suite("matrix", matrix, summary)));
    }

    /// <summary>Writes <see cref="Build"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(NightlySummary summary, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        // No byte-order mark: some CI parsers of JUnit XML choke on one.
        await using var stream = File.Create(path);
        await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
        await Build(summary).SaveAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    private static XElement Suite(string name, List<XElement> cases, NightlySummary summary) => new("testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
        new XAttribute("timestamp", summary.StartedAt.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)),
        new XAttribute("time", Seconds(cases.Sum(c => double.Parse((string?)c.Attribute("time") ?? "0", CultureInfo.InvariantCulture)))),
        cases);

    private static XElement CleanCase(RunRecord record)
    {
        var element = Case("clean", record.Run.Name, record.Outcome.Duration.TotalSeconds);
        var detail = $"{record.Run.Configuration}\nreplay: {record.Run.ReplayCommand}" + (record.RelativeReport is { } report ? $"\nreport: {report}" : "");
        switch (record.Outcome.Verdict)
        {
            case RunVerdict.Valid:
                break;
            case RunVerdict.Invalid:
                element.Add(new XElement("failure", new XAttribute("message", "not linearizable (or a node-log check failed)"), detail));
                break;
            case RunVerdict.Interrupted:
                element.Add(new XElement("skipped", new XAttribute("message", "interrupted")));
                break;
            default:
                element.Add(new XElement("error", new XAttribute("message", $"{record.Outcome.Verdict}: {record.Outcome.Error ?? "no verdict"}"), detail));
                break;
        }
        return element;
    }

    private static XElement BugCase(BugRecord bug)
    {
        var element = Case("matrix", bug.Exposure.Bug, bug.Runs.Sum(r => r.Outcome.Duration.TotalSeconds));
        if (bug.Runs.Count == 0)
        {
            element.Add(new XElement("skipped", new XAttribute("message", "no seed ran")));
        }
        else if (!bug.CaughtInEverySeed)
        {
            var missed = bug.Runs.Where(r => r.Outcome.Verdict != RunVerdict.Invalid).Select(r => $"seed {r.Run.Seed}: {r.Outcome.Verdict}, replay: {r.Run.ReplayCommand}");
            element.Add(new XElement("failure",
                new XAttribute("message", $"caught in {bug.CaughtSeeds.Count} of {bug.Runs.Count} seeds"),
                string.Join("\n", missed)));
        }
        return element;
    }

    private static XElement Case(string suite, string name, double seconds) => new("testcase",
        new XAttribute("classname", suite), new XAttribute("name", name), new XAttribute("time", Seconds(seconds)));

    private static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);
}
