namespace RaftChaos.Report.Input;

/// <summary>
/// The files of a run folder (DESIGN.md, "Store and report"), or of a lone history file. Only a history named
/// <c>history.jsonl</c> is taken to belong to a run: then <c>results.json</c>, <c>nodes/*.log</c> and
/// <c>controller.log</c> beside it are used when present.
/// </summary>
/// <param name="Directory">The folder holding the history.</param>
/// <param name="HistoryPath">The history file.</param>
/// <param name="ResultsPath">results.json, when present.</param>
/// <param name="NodeLogPaths">nodes/*.log, sorted by name.</param>
/// <param name="ControllerLogPath">controller.log, when present.</param>
public sealed record RunFolder(
    string Directory,
    string HistoryPath,
    string? ResultsPath,
    IReadOnlyList<string> NodeLogPaths,
    string? ControllerLogPath)
{
    /// <summary>The history's file name inside a run folder.</summary>
    public const string HistoryFileName = "history.jsonl";

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
            return new RunFolder(directory, historyPath, null, [], null);
        }

        var results = Path.Combine(directory, "results.json");
        var controller = Path.Combine(directory, "controller.log");
        var nodes = Path.Combine(directory, "nodes");
        var nodeLogs = System.IO.Directory.Exists(nodes)
            ? System.IO.Directory.GetFiles(nodes, "*.log").Order(StringComparer.Ordinal).ToArray()
            : [];
        return new RunFolder(
            directory, historyPath, File.Exists(results) ? results : null, nodeLogs, File.Exists(controller) ? controller : null);
    }
}
