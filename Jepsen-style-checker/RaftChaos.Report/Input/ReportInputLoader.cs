using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// Makes a <see cref="ReportInput"/>. <see cref="LoadAsync"/> is for a history on disk: it parses the history and runs the
/// linearizability checker only when the run's own outcome cannot serve. <see cref="FromMemory"/> is for a run that
/// already holds its history and check result: no parse, no check.
/// </summary>
public static class ReportInputLoader
{
    /// <summary>
    /// Loads <paramref name="folder"/>'s history for <paramref name="run"/> (<see cref="ReportRun.Empty"/> for a lone
    /// history). The model is <see cref="ReportLoadOptions.ModelName"/>, else the run's, else inferred. The checker runs
    /// when the run records no <c>linearizability</c> outcome, when that outcome is invalid (the page draws the
    /// counterexample, which an outcome does not carry), or when a model was forced (its outcome then replaces the
    /// run's). A recorded valid or unknown outcome is trusted as it is.
    /// </summary>
    /// <exception cref="HistoryFormatException">The history is malformed, or the model does not fit the history.</exception>
    /// <exception cref="ArgumentException">The model name is not a built-in model.</exception>
    public static async Task<ReportInput> LoadAsync(RunFolder folder, ReportRun run, ReportLoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var history = await Task.Run(() => OperationHistory.Load(folder.HistoryPath), cancellationToken).ConfigureAwait(false);

        var modelName = options.ModelName ?? run.Model;
        var model = modelName is null
            ? BuiltInModels.Infer(history)
            : BuiltInModels.Find(modelName) ?? throw new ArgumentException(
                $"unknown model \"{modelName}\" (expected {string.Join(", ", BuiltInModels.All.Select(m => m.Name))})", nameof(options));

        var recorded = run.Checks.FirstOrDefault(c => c.Name == LinearizabilityOutcome.Name);
        var forced = options.ModelName is not null;
        CheckResult? check = null;
        if (recorded is null || recorded.Verdict == Verdict.Invalid || forced)
        {
            check = await Task.Run(() => new LinearizabilityChecker(options.CheckOptions).Check(history, model, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

        if (forced && check is not null)
        {
            // The outcome recorded under another model says nothing about this one: the page shows the new check.
            run = run with { Model = model.Name, Checks = [.. run.Checks.Where(c => c.Name != LinearizabilityOutcome.Name).Prepend(LinearizabilityOutcome.From(check))] };
        }

        return new ReportInput(history, model.Name, check, run, Links(folder, options.OutputDirectory ?? folder.Directory));
    }

    /// <summary>
    /// The input for a run that holds its history and linearizability result in memory: nothing is read or checked
    /// again. <paramref name="folder"/> gives the files to link (null: none); links are relative to
    /// <paramref name="outputDirectory"/> (default: the folder).
    /// </summary>
    public static ReportInput FromMemory(OperationHistory history, CheckResult check, ReportRun run, RunFolder? folder, string? outputDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(run);
        var links = folder is null ? [] : Links(folder, outputDirectory ?? folder.Directory);
        return new ReportInput(history, check.Model, check, run, links);
    }

    /// <summary>The links a report in <paramref name="outputDirectory"/> makes to the run's files: the history first.</summary>
    public static IReadOnlyList<ReportLink> Links(RunFolder folder, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var links = new List<ReportLink> { Link(Path.GetFileName(folder.HistoryPath), folder.HistoryPath, outputDirectory) };
        links.AddRange(folder.Files.Select(path => Link(Path.GetRelativePath(folder.Directory, path).Replace(Path.DirectorySeparatorChar, '/'), path, outputDirectory)));
        return links;
    }

    private static ReportLink Link(string label, string path, string outputDirectory)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(outputDirectory), Path.GetFullPath(path));
        var href = string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
        return new ReportLink(label, href);
    }
}
