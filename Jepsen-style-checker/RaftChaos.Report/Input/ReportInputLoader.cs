using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// Loads a run folder or a history file into a <see cref="ReportInput"/>: reads results.json when there is one, and
/// runs the checker when there is none, when it holds no verdict, or when the verdict is invalid (to draw the
/// counterexample, which results.json does not carry).
/// </summary>
public static class ReportInputLoader
{
    /// <summary>Loads <paramref name="folder"/>.</summary>
    /// <exception cref="HistoryFormatException">The history or results.json is malformed, or the model does not fit the history.</exception>
    /// <exception cref="ArgumentException">The model name is not a built-in model.</exception>
    public static async Task<ReportInput> LoadAsync(RunFolder folder, ReportLoadOptions options, CancellationToken cancellationToken)
    {
        var results = folder.ResultsPath is null
            ? RunResults.Empty
            : await RunResultsReader.ReadAsync(folder.ResultsPath, cancellationToken).ConfigureAwait(false);
        var history = await Task.Run(() => OperationHistory.Load(folder.HistoryPath), cancellationToken).ConfigureAwait(false);

        var modelName = options.ModelName ?? results.Model;
        var model = modelName is null
            ? BuiltInModels.Infer(history)
            : BuiltInModels.Find(modelName) ?? throw new ArgumentException(
                $"unknown model \"{modelName}\" (expected {string.Join(", ", BuiltInModels.All.Select(m => m.Name))})", nameof(options));

        var check = results.Verdict is "valid" or "unknown" && options.ModelName is null
            ? null
            : await Task.Run(() => new LinearizabilityChecker(options.CheckOptions).Check(history, model, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        return new ReportInput(history, model.Name, check, results, Links(folder, options.OutputDirectory ?? folder.Directory));
    }

    /// <summary>The links a report in <paramref name="outputDirectory"/> makes to the run's files.</summary>
    public static IReadOnlyList<ReportLink> Links(RunFolder folder, string outputDirectory)
    {
        var links = new List<ReportLink> { Link(Path.GetFileName(folder.HistoryPath), folder.HistoryPath, outputDirectory) };
        if (folder.ResultsPath is not null)
        {
            links.Add(Link("results.json", folder.ResultsPath, outputDirectory));
        }

        if (folder.ControllerLogPath is not null)
        {
            links.Add(Link("controller.log", folder.ControllerLogPath, outputDirectory));
        }

        links.AddRange(folder.NodeLogPaths.Select(path => Link("nodes/" + Path.GetFileName(path), path, outputDirectory)));
        return links;
    }

    private static ReportLink Link(string label, string path, string outputDirectory)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(outputDirectory), Path.GetFullPath(path));
        var href = string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
        return new ReportLink(label, href);
    }
}
