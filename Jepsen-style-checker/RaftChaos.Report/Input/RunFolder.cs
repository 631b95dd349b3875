namespace RaftChaos.Report.Input;

/// <summary>
/// The files of a run folder, or of a lone history file. Only a history named <c>history.jsonl</c> is taken to belong to
/// a run: then every <c>*.json</c> and <c>*.log</c> beside it and every <c>nodes/*.log</c> is a file the report links to.
/// The report reads none of them: what a run says about itself reaches the report as a <see cref="ReportRun"/>.
/// </summary>
/// <param name="Directory">The folder holding the history.</param>
/// <param name="HistoryPath">The history file.</param>
/// <param name="Files">The run's other files to link to: those beside the history by name, then <c>nodes/*.log</c> by name.</param>
public sealed record RunFolder(string Directory, string HistoryPath, IReadOnlyList<string> Files)
{
    /// <summary>The history's file name inside a run folder.</summary>
    public const string HistoryFileName = "history.jsonl";

    // What a run leaves beside its history that a reader may want to open from the report.
    private static readonly string[] LinkedPatterns = ["*.json", "*.log"];

    /// <summary>Finds the files for <paramref name="path"/>: a run folder or a history file.</summary>
    /// <exception cref="FileNotFoundException">No such file, or a folder without history.jsonl.</exception>
    public static RunFolder Locate(string path)
    {
        string historyPath;
        if (System.IO.Directory.Exists(path))
        {
            historyPath = Path.Combine(path, HistoryFileName);
            if (!File.Exists(historyPath))
            {
                throw new FileNotFoundException($"{path}: no {HistoryFileName} in this folder", historyPath);
            }
        }
        else if (File.Exists(path))
        {
            historyPath = path;
        }
        else
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(historyPath))!;
        if (!string.Equals(Path.GetFileName(historyPath), HistoryFileName, StringComparison.Ordinal))
        {
            return new RunFolder(directory, historyPath, []);
        }

        var nodes = Path.Combine(directory, "nodes");
        var beside = LinkedPatterns.SelectMany(pattern => System.IO.Directory.GetFiles(directory, pattern)).Order(StringComparer.Ordinal);
        var nodeLogs = System.IO.Directory.Exists(nodes)
            ? System.IO.Directory.GetFiles(nodes, "*.log").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return new RunFolder(directory, historyPath, [.. beside.Concat(nodeLogs)]);
    }
}
