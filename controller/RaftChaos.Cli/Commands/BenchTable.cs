using System.Globalization;

namespace RaftChaos.Cli.Commands;

/// <summary>The plain-text table <c>bench-check</c> and <c>bench --target</c> print: a left-aligned name column, the rest right-aligned.</summary>
internal sealed class BenchTable(IReadOnlyList<string> headers)
{
    private readonly List<string[]?> rows = [];

    /// <summary>A row of preformatted cells, one per header.</summary>
    public void AddCells(params IReadOnlyList<string> cells)
    {
        if (cells.Count != headers.Count)
        {
            throw new ArgumentException($"a row needs {headers.Count} cells, got {cells.Count}", nameof(cells));
        }
        rows.Add([.. cells]);
    }

    public void Add(string name, int? ops, int? keys, string verdict, string expected, double parseMs, double checkMs, double? bestMs) =>
        AddCells([
            name,
            ops?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
            keys?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
            verdict,
            expected,
            parseMs.ToString("0.00", CultureInfo.InvariantCulture),
            checkMs.ToString("0.00", CultureInfo.InvariantCulture),
            bestMs?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
        ]);

    /// <summary>A horizontal rule before the next row.</summary>
    public void Separator() => rows.Add(null);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((header, column) =>
            rows.Where(row => row is not null).Select(row => row![column].Length).Append(header.Length).Max()).ToArray();
        string Format(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column])));
        var rule = new string('-', widths.Sum() + (2 * (widths.Length - 1)));
        output.WriteLine(Format(headers));
        output.WriteLine(rule);
        foreach (var row in rows)
        {
            output.WriteLine(row is null ? rule : Format(row));
        }
    }
}
