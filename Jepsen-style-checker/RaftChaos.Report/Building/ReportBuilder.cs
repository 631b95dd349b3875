using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Builds the report's data: a pure function of the history, the verdict and the run's results. No I/O, no clock;
/// the same input gives the same model (see <see cref="Rendering.ReportWriter"/> for the HTML).
/// </summary>
public static class ReportBuilder
{
    /// <summary>How the report pages its timeline, shown in its footer.</summary>
    public const string PagingNote =
        "Paging: every operation is embedded once as compact column arrays in a <script type=\"application/json\"> block; " +
        "the page script draws one timeline page at a time (at most {0:N0} operations: small keys share a page, a bigger key is cut " +
        "into time slices), so the document holds one SVG element per visible operation however long the run. " +
        "Plots are drawn on canvas from the same arrays.";

    /// <summary>Builds the model for <paramref name="input"/>.</summary>
    public static ReportModel Build(ReportInput input, ReportBuildOptions? options = null)
    {
        options ??= new ReportBuildOptions();
        options.Validate();
        var history = input.History;
        var (origin, end) = Span(history);
        var operations = history.Operations.Select(o => Convert(o, origin, input.Results.ProcessNodes)).ToArray();
        var functions = FunctionOrder.Sort(operations.Select(o => o.F));

        var keys = Keys(operations, input);
        var (pages, pageOf) = TimelinePager.Build(keys, operations, options.PageSize);
        var faults = FaultWindowBuilder.Build(history.NemesisEvents, origin, end);
        var summary = Summary(input, operations, functions, faults, end);
        return new ReportModel(
            summary,
            operations,
            keys,
            pages,
            faults,
            LatencyStatistics.Series(operations, functions),
            ThroughputBuilder.Build(operations, functions, end, options.ThroughputBuckets),
            LatencyStatistics.Percentiles(operations, functions),
            CounterexampleBuilder.Build(input.Check, keys, pageOf, options.CounterexampleSteps),
            input.Links,
            string.Format(CultureInfo.InvariantCulture, PagingNote, options.PageSize));
    }

    /// <summary>Verdict as the report spells it.</summary>
    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Valid => "valid",
        Verdict.Invalid => "invalid",
        _ => "unknown",
    };

    // The first event's time (the origin) and the last event's time relative to it.
    private static (long Origin, long End) Span(OperationHistory history)
    {
        var times = history.Operations.Select(o => o.InvokeTime)
            .Concat(history.Operations.Select(o => o.CompletionTime ?? o.InvokeTime))
            .Concat(history.NemesisEvents.Select(e => e.Time))
            .DefaultIfEmpty(0);
        long origin = long.MaxValue, last = long.MinValue;
        foreach (var time in times)
        {
            origin = Math.Min(origin, time);
            last = Math.Max(last, time);
        }

        return (origin, last - origin);
    }

    private static ReportOperation Convert(Operation operation, long origin, IReadOnlyDictionary<int, string> nodes) => new(
        operation.Id,
        operation.InvokePosition,
        operation.Process,
        operation.F,
        operation.Key,
        Json(operation.Input),
        operation.Status == OperationStatus.Ok ? Json(operation.Output) : null,
        operation.Status switch { OperationStatus.Ok => "ok", OperationStatus.Fail => "fail", _ => "info" },
        operation.InvokeTime - origin,
        operation.CompletionTime - origin,
        nodes.TryGetValue(operation.Process, out var node) ? node : null);

    // Integers and null are most values: format them without a JSON writer.
    private static string Json(HistoryValue value) => value switch
    {
        NullValue => "null",
        IntegerValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        _ => value.ToJson(),
    };

    // One timeline per key: invalid keys first, then unknown ones, then the rest; by key within each (null first).
    private static IReadOnlyList<KeyTimeline> Keys(IReadOnlyList<ReportOperation> operations, ReportInput input)
    {
        var verdicts = input.Check?.Keys.ToDictionary(k => k.Key ?? "\0null", k => VerdictText(k.Verdict), StringComparer.Ordinal);
        var overall = input.Check is null && input.Results.Verdict == "valid" ? "valid" : "unchecked";
        return operations
            .GroupBy(o => o.Key ?? "\0null", StringComparer.Ordinal)
            .Select(group =>
            {
                var key = group.First().Key;
                var verdict = verdicts is not null && verdicts.TryGetValue(group.Key, out var v) ? v : overall;
                var processes = group.Select(o => o.Process).Distinct().Order().ToArray();
                return new KeyTimeline(key, key ?? "register", verdict, processes, group.Select(o => o.Id).ToArray());
            })
            .OrderBy(k => k.Verdict switch { "invalid" => 0, "unknown" => 1, _ => 2 })
            .ThenBy(k => k.Key is null ? 0 : 1)
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToArray();
    }

    private static ReportSummary Summary(
        ReportInput input, IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions, IReadOnlyList<FaultWindow> faults, long end)
    {
        var results = input.Results;
        var check = input.Check;
        var (linearizable, linearizableSource) = check is not null ? (VerdictText(check.Verdict), "checker")
            : results.Verdict is not null ? (results.Verdict, "results.json")
            : ("unchecked", "none");
        var (verdict, source, reason) = Merge(linearizable, linearizableSource, results.ElectionSafety, results.StateMachineSafety);
        var counts = functions.Select(f => Count(f, operations.Where(o => o.F == f))).ToList();
        if (functions.Count > 1)
        {
            counts.Add(Count("all", operations));
        }

        var faultKinds = faults.GroupBy(w => w.Kind)
            .Select(g => new FaultKindSummary(g.Key, g.Count(), g.Sum(w => w.End - w.Start)))
            .ToArray();
        var replay = results.ReplayCommand
            ?? (results.Seed is { } seed ? string.Create(CultureInfo.InvariantCulture, $"raftchaos run --seed {seed}") : null);
        return new ReportSummary(
            results.TestName ?? Path.GetFileName(input.History.Source),
            verdict,
            source,
            reason,
            linearizable,
            linearizableSource,
            results.ElectionSafety,
            results.StateMachineSafety,
            check?.UnknownReason,
            input.Model,
            input.History.Source,
            operations.Count,
            input.History.KeyCount,
            operations.Select(o => o.Process).Distinct().Count(),
            end,
            check?.Elapsed.TotalMilliseconds ?? results.CheckerMilliseconds,
            results.Seed,
            replay,
            results.Configuration,
            counts,
            faultKinds,
            FailoverCalculator.Build(results.Failover, faults, operations));
    }

    /// <summary>Name of the election-safety check as a verdict source and in the verdict's reason.</summary>
    public const string ElectionSafetySource = "election safety (node logs)";

    /// <summary>Name of the state-machine-safety check as a verdict source and in the verdict's reason.</summary>
    public const string StateMachineSafetySource = "state-machine safety (node logs)";

    // The page's verdict: the history check's, made invalid by a node-log violation (invalid > unknown > valid, as
    // Jepsen composes checkers). The source names the checks that made it invalid; the reason says what they found.
    private static (string Verdict, string Source, string? Reason) Merge(
        string linearizable, string source, ElectionSafetyCheck? election, StateMachineSafetyCheck? stateMachine)
    {
        var findings = new List<(string Source, string Found)>();
        if (election is { Valid: false })
        {
            findings.Add((ElectionSafetySource, election.Violations.Count == 0
                ? "a term had two leaders (results.json lists no terms)"
                : string.Join("; ", election.Violations.Select(v => v.Description))));
        }

        if (stateMachine is { Valid: false })
        {
            findings.Add((StateMachineSafetySource, stateMachine.Violations.Count == 0
                ? "an index had two committed entries (results.json lists none)"
                : string.Join("; ", stateMachine.Violations.Select(v => v.Description))));
        }

        if (findings.Count == 0)
        {
            return (linearizable, source, null);
        }

        var sources = findings.Select(f => f.Source).Prepend(linearizable == "invalid" ? source : null).OfType<string>();
        return ("invalid", string.Join(" + ", sources), string.Join(". ", findings.Select(f => $"{f.Source}: {f.Found}")));
    }

    private static OutcomeCounts Count(string f, IEnumerable<ReportOperation> operations)
    {
        int ok = 0, fail = 0, info = 0;
        foreach (var operation in operations)
        {
            switch (operation.Outcome)
            {
                case "ok": ok++; break;
                case "fail": fail++; break;
                default: info++; break;
            }
        }

        return new OutcomeCounts(f, ok, fail, info);
    }
}
