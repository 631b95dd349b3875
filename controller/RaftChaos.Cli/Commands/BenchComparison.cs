using System.Globalization;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The side-by-side table of <c>bench --target A,B</c>: per figure, each target's median over its samples with the
/// range, the ratio of the first target's median to the second's, and the load seen while the figure was taken.
/// A pure function of the samples; printing is <see cref="BenchTable"/>'s.
/// </summary>
internal static class BenchComparison
{
    /// <summary>One line of the comparison.</summary>
    public sealed record Line(string Figure, IReadOnlyList<Summary> Targets, double? Ratio, double LoadMin, double LoadMax);

    /// <summary>One target's samples of one figure.</summary>
    public sealed record Summary(string Target, int Count, double Median, double Min, double Max);

    /// <summary>The lines in the order the figures were first measured; the ratio is targets[0] / targets[1].</summary>
    public static IReadOnlyList<Line> Build(IReadOnlyList<string> targets, IReadOnlyList<BenchSample> samples)
    {
        return samples.Select(s => s.Figure).Distinct().Select(figure =>
        {
            var of = samples.Where(s => s.Figure == figure).ToList();
            var summaries = targets.Select(t => Summarize(t, of.Where(s => s.Target == t).Select(s => s.Value).ToList())).ToList();
            double? ratio = summaries.Count >= 2 && summaries[0].Count > 0 && summaries[1].Count > 0 && summaries[1].Median != 0
                ? summaries[0].Median / summaries[1].Median
                : null;
            var loads = of.Select(s => s.Load).Where(l => !double.IsNaN(l)).DefaultIfEmpty(double.NaN).ToList();
            return new Line(figure, summaries, ratio, loads.Min(), loads.Max());
        }).ToList();
    }

    /// <summary>The lines as the bench prints them.</summary>
    public static void WriteTo(IReadOnlyList<string> targets, IReadOnlyList<Line> lines, TextWriter output)
    {
        var headers = new List<string> { "figure" };
        headers.AddRange(targets.Select(t => $"{t} median (min-max, n)"));
        headers.Add(targets.Count >= 2 ? $"{targets[0]}/{targets[1]}" : "ratio");
        headers.Add("load 1-min");
        var table = new BenchTable(headers);
        foreach (var line in lines)
        {
            var cells = new List<string> { line.Figure };
            cells.AddRange(line.Targets.Select(Format));
            cells.Add(line.Ratio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-");
            cells.Add(string.Create(CultureInfo.InvariantCulture, $"{line.LoadMin:0.0}-{line.LoadMax:0.0}"));
            table.AddCells(cells);
        }
        table.WriteTo(output);
    }

    /// <summary>The lines as <c>bench --target ... --json</c> prints them.</summary>
    public static object ToDocument(Line line) => new
    {
        figure = line.Figure,
        targets = line.Targets.Select(t => new { target = t.Target, n = t.Count, median = t.Median, min = t.Min, max = t.Max }),
        ratio = line.Ratio,
        loadMin = line.LoadMin,
        loadMax = line.LoadMax,
    };

    private static Summary Summarize(string target, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new Summary(target, 0, double.NaN, double.NaN, double.NaN);
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(target, sorted.Count, median, sorted[0], sorted[^1]);
    }

    private static string Format(Summary s)
    {
        if (s.Count == 0)
        {
            return "-";
        }
        var digits = s.Median >= 100 ? "0" : "0.00";
        string F(double v) => v.ToString(digits, CultureInfo.InvariantCulture);
        return $"{F(s.Median)} ({F(s.Min)}-{F(s.Max)}, {s.Count})";
    }
}
