using System.Text.Json;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Report.Input;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Reads a finished run folder: the verdict and failover figures from results.json (a stopgap parse until the run
/// record lands), operation counts from history.jsonl, and for an invalid
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
        (string? Verdict, string? Model, RunFailover? Failover, IReadOnlyList<Finding> Findings)? results = null;
        var problems = new List<string>();
        if (File.Exists(resultsPath))
        {
            try
            {
                using var document = JsonDocument.Parse(await File.ReadAllTextAsync(resultsPath, cancellationToken).ConfigureAwait(false));
                results = ReadResults(document.RootElement);
            }
            catch (JsonException ex)
            {
                problems.Add($"{resultsPath}: not valid JSON: {ex.Message}");
            }
        }
        else
        {
            problems.Add($"{resultsPath}: missing");
        }

        var verdict = results?.Verdict?.ToLowerInvariant() switch
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
                DetectInNodeLogs(history, results?.Findings ?? []))
            : null;
        return new RunFindings(verdict, counts, results?.Failover, detection, problems.Count == 0 ? null : string.Join("; ", problems));
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
    /// The earliest timed finding of the node-log checks. Times are on the history's clock, made relative to the history's
    /// first event like <see cref="Detect"/>. Null when the logs showed nothing or no time was recorded.
    /// </summary>
    public static Detection? DetectInNodeLogs(OperationHistory history, IEnumerable<Finding> findings)
    {
        var first = findings.Where(f => f.AtSeconds is not null).MinBy(f => f.AtSeconds);
        return first is null ? null : new Detection(Math.Max(0, first.AtSeconds!.Value - (Start(history) / 1e9)), null, first.Text, InNodeLogs: true);
    }

    // Stopgap until the nightly loads the run record: verdict, model, failover (ms) and every node-log check's findings
    // ({ "valid": ..., "violations": [ { "text", "afterSeconds" } ] }, as the controller writes them).
    private static (string? Verdict, string? Model, RunFailover? Failover, IReadOnlyList<Finding> Findings) ReadResults(JsonElement root)
    {
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        if (root.ValueKind != JsonValueKind.Object) return (null, null, null, []);
        RunFailover? failover = null;
        if (root.TryGetProperty("failover", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            var kills = f.TryGetProperty("killToNextWriteMs", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.Number ? k.GetDouble() : k.ValueKind == JsonValueKind.Object ? Number(k, "ms") : null)
                : [];
            failover = new RunFailover(Number(f, "timeWithoutLeaderMs") / 1e3, [.. kills.Select(ms => ms / 1e3)]);
        }

        var findings = root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("violations", out var v) && v.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.Value.GetProperty("violations").EnumerateArray())
            .Where(v => v.ValueKind == JsonValueKind.Object && Text(v, "text") is not null)
            .Select(v => new Finding(Text(v, "text")!, Number(v, "afterSeconds")))
            .ToArray();
        return (Text(root, "verdict"), Text(root, "model"), failover, findings);
    }

    private static Detection? Earliest(Detection? a, Detection? b) =>
        a is null ? b : b is null ? a : a.DetectedAfterSeconds <= b.DetectedAfterSeconds ? a : b;

    // The history's first event: client operations and fault events share the run's monotonic clock.
    private static long Start(OperationHistory history)
    {
        var first = history.Operations.Count == 0 ? long.MaxValue : history.Operations.Min(operation => operation.InvokeTime);
        return history.NemesisEvents.Count == 0 ? (first == long.MaxValue ? 0 : first) : Math.Min(first, history.NemesisEvents.Min(e => e.Time));
    }
}
