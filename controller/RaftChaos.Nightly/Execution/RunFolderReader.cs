using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Reads a finished run folder: the verdict and failover figures from results.json (through the report's
/// <see cref="RunResultsReader"/>, one reader for that format), operation counts from history.jsonl, and for an invalid
/// run the failing key and time to detection from the checker's counterexample (results.json does not carry it).
/// </summary>
public sealed class RunFolderReader
{
    private readonly CheckOptions checkOptions;

    /// <summary>Creates a reader; the re-check of an invalid history uses <paramref name="checkOptions"/> (default: 60 s bound).</summary>
    public RunFolderReader(CheckOptions? checkOptions = null) => this.checkOptions = checkOptions ?? new CheckOptions();

    /// <summary>Reads <paramref name="folder"/>. Never throws for a malformed folder: the problem is returned instead.</summary>
    public async Task<RunFindings> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var resultsPath = Path.Combine(folder, "results.json");
        var historyPath = Path.Combine(folder, RunFolder.HistoryFileName);
        RunResults? results = null;
        var problems = new List<string>();
        if (File.Exists(resultsPath))
        {
            try
            {
                results = await RunResultsReader.ReadAsync(resultsPath, cancellationToken).ConfigureAwait(false);
            }
            catch (HistoryFormatException ex)
            {
                problems.Add(ex.Message);
            }
        }
        else
        {
            problems.Add($"{resultsPath}: missing");
        }

        var verdict = results?.Verdict switch
        {
            "valid" => RunVerdict.Valid,
            "invalid" => RunVerdict.Invalid,
            "unknown" => (RunVerdict?)RunVerdict.Unknown,
            _ => null,
        };

        OperationHistory? history = null;
        if (File.Exists(historyPath))
        {
            try
            {
                history = await Task.Run(() => OperationHistory.Load(historyPath), cancellationToken).ConfigureAwait(false);
            }
            catch (HistoryFormatException ex)
            {
                problems.Add(ex.Message);
            }
        }
        else
        {
            problems.Add($"{historyPath}: missing");
        }

        var counts = history is null ? null : Count(history);
        var detection = verdict == RunVerdict.Invalid && history is not null
            ? Earliest(
                await Task.Run(() => Detect(history, results?.Model), cancellationToken).ConfigureAwait(false),
                DetectInNodeLogs(history, results?.ElectionSafety, results?.StateMachineSafety))
            : null;
        return new RunFindings(verdict, counts, Failover(results?.Failover), detection, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>Counts client operations by outcome.</summary>
    public static OperationCounts Count(OperationHistory history) => new(
        history.Operations.Count(operation => operation.Status == OperationStatus.Ok),
        history.Operations.Count(operation => operation.Status == OperationStatus.Fail),
        history.Operations.Count(operation => operation.Status == OperationStatus.Info));

    /// <summary>
    /// Checks <paramref name="history"/> and, when it is not linearizable, names the failing key and the run time at
    /// which the earliest blocked operation of any counterexample completed. Null when the check does not say invalid.
    /// </summary>
    public Detection? Detect(OperationHistory history, string? modelName)
    {
        var model = (modelName is null ? null : BuiltInModels.Find(modelName)) ?? BuiltInModels.Infer(history);
        var result = new LinearizabilityChecker(checkOptions).Check(history, model);
        var start = Start(history);
        var blocked = result.FailingKeys
            .Where(key => key.Counterexample is not null)
            .SelectMany(key => key.Counterexample!.CannotFollow.Select(b => (key.Key, b.Operation)))
            .OrderBy(item => item.Operation.CompletionTime ?? item.Operation.InvokeTime)
            .FirstOrDefault();
        if (blocked.Operation is null)
        {
            return null;
        }

        var at = blocked.Operation.CompletionTime ?? blocked.Operation.InvokeTime;
        return new Detection(Math.Max(0, at - start) / 1e9, blocked.Key, blocked.Operation.Describe());
    }

    /// <summary>
    /// The earliest finding of the node-log checks: a term with two leaders (timed by when its second leader took it) or
    /// a contradicted committed entry (timed by the node's first line about it). Times are results.json's
    /// <c>afterSeconds</c> (history time), made relative to the history's first event like <see cref="Detect"/>. Null
    /// when the logs showed nothing or no time was recorded.
    /// </summary>
    public static Detection? DetectInNodeLogs(OperationHistory history, ElectionSafetyCheck? election, StateMachineSafetyCheck? stateMachine)
    {
        var findings = (election?.Violations.Select(v => (v.AfterSeconds, v.Description)) ?? [])
            .Concat(stateMachine?.Violations.Select(v => (v.AfterSeconds, v.Description)) ?? []);
        var timed = findings.Where(f => f.AfterSeconds is not null).ToList();
        if (timed.Count == 0) return null;
        var first = timed.MinBy(f => f.AfterSeconds);
        return new Detection(Math.Max(0, first.AfterSeconds!.Value - (Start(history) / 1e9)), null, first.Description, InNodeLogs: true);
    }

    private static Detection? Earliest(Detection? a, Detection? b) =>
        a is null ? b : b is null ? a : a.DetectedAfterSeconds <= b.DetectedAfterSeconds ? a : b;

    // The history's first event: client operations and fault events share the run's monotonic clock.
    private static long Start(OperationHistory history)
    {
        var first = history.Operations.Count == 0 ? long.MaxValue : history.Operations.Min(operation => operation.InvokeTime);
        return history.NemesisEvents.Count == 0 ? (first == long.MaxValue ? 0 : first) : Math.Min(first, history.NemesisEvents.Min(e => e.Time));
    }

    private static RunFailover? Failover(FailoverFigures? figures) => figures is null ? null : new RunFailover(
        figures.TimeWithoutLeader / 1e9,
        [.. figures.Recoveries.Select(recovery => recovery.UntilNextWrite / 1e9)]);
}
