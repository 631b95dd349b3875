using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Builds the report's data: a pure function of the history, the check result and what the run tells (<see cref="ReportRun"/>). No I/O, no clock;
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
        var operations = history.Operations.Select(o => Convert(o, origin, input.Run.ProcessNodes)).ToArray();
        var functions = FunctionOrder.Sort(operations.Select(o => o.F));

        var keys = Keys(operations, input);
        var (pages, pageOf) = TimelinePager.Build(keys, operations, options.PageSize);
        var faults = FaultWindowBuilder.Build(history.NemesisEvents, origin, end);
        var summary = Summary(input, operations, functions, faults, origin, end);
        return new ReportModel(
            summary,
            operations,
            keys,
            pages,
            faults,
            Lanes(input.Run.Lanes, origin, end),
            LatencyStatistics.Series(operations, functions),
            ThroughputBuilder.Build(operations, functions, end, options.ThroughputBuckets),
            LatencyStatistics.Percentiles(operations, functions),
            CounterexampleBuilder.Build(input.Check, keys, pageOf, options.CounterexampleSteps),
            input.Links,
            string.Format(CultureInfo.InvariantCulture, PagingNote, options.PageSize));
    }

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
        nodes.TryGetValue(operation.Process, out var node) ? node : null,
        operation.Error,
        operation.Node,
        operation.RedirectedFrom);

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
        var verdicts = input.Check?.Keys.ToDictionary(k => k.Key ?? "\0null", k => ComposedVerdict.Word(k.Verdict), StringComparer.Ordinal);
        // Without a check result, a recorded valid linearizability outcome covers every key; anything else leaves them unchecked.
        var recorded = input.Run.Checks.FirstOrDefault(c => c.Name == LinearizabilityOutcome.Name);
        var overall = input.Check is null && recorded?.Verdict == Verdict.Valid ? "valid" : "unchecked";
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
        ReportInput input, IReadOnlyList<ReportOperation> operations, IReadOnlyList<string> functions, IReadOnlyList<FaultWindow> faults, long origin, long end)
    {
        var run = input.Run;
        var outcomes = Checks(input);
        var counts = functions.Select(f => Count(f, operations.Where(o => o.F == f))).ToList();
        if (functions.Count > 1)
        {
            counts.Add(Count("all", operations));
        }

        var faultKinds = faults.GroupBy(w => w.Kind)
            .Select(g => new FaultKindSummary(g.Key, g.Count(), g.Sum(w => w.End - w.Start)))
            .ToArray();
        return new ReportSummary(
            run.Title ?? Path.GetFileName(input.History.Source),
            outcomes.Count == 0 ? "unchecked" : ComposedVerdict.Word(ComposedVerdict.Of(outcomes)),
            outcomes.Select(o => new ReportCheck(
                o.Name,
                ComposedVerdict.Word(o.Verdict),
                o.Findings.Select(f => new ReportFinding(f.Text, f.AtSeconds is { } at ? OnReportClock(at, origin) : null, f.Key)).ToArray())).ToArray(),
            input.Model,
            input.History.Source,
            operations.Count,
            input.History.KeyCount,
            operations.Select(o => o.Process).Distinct().Count(),
            end,
            input.Check?.Elapsed.TotalMilliseconds ?? run.CheckerMilliseconds,
            run.Seed,
            run.ReplayCommand,
            run.Configuration,
            run.Figures,
            LongestAcknowledgedGap(operations),
            counts,
            faultKinds,
            ReasonCounter.Count(operations, functions));
    }

    // The run's checks; the report's own linearizability result joins them, first, when the run recorded none.
    private static IReadOnlyList<CheckOutcome> Checks(ReportInput input)
    {
        var checks = input.Run.Checks;
        return input.Check is not null && !checks.Any(c => c.Name == LinearizabilityOutcome.Name)
            ? [LinearizabilityOutcome.From(input.Check), .. checks]
            : checks;
    }

    // Seconds on the history's clock (time / 1e9) to nanoseconds since the history's first event.
    private static long OnReportClock(double seconds, long origin) => (long)Math.Round(seconds * 1e9) - origin;

    // Lanes on the report's clock; a stretch with no end lasts to the history's end.
    private static IReadOnlyList<TimelineLane> Lanes(IReadOnlyList<ReportLane> lanes, long origin, long end) =>
        lanes.Select(lane => new TimelineLane(
                lane.Name,
                lane.Segments.Select(s => new LaneSpan(
                    OnReportClock(s.StartSeconds, origin),
                    s.EndSeconds is { } stop ? OnReportClock(stop, origin) : end,
                    s.Text)).ToArray()))
            .ToArray();

    // The longest stretch with no acknowledgement: between consecutive ok completions, of any function.
    private static long? LongestAcknowledgedGap(IReadOnlyList<ReportOperation> operations)
    {
        var okTimes = operations.Where(o => o.Outcome == "ok" && o.Complete is not null).Select(o => o.Complete!.Value).Order().ToArray();
        long? longest = null;
        for (var i = 1; i < okTimes.Length; i++)
        {
            longest = Math.Max(longest ?? 0, okTimes[i] - okTimes[i - 1]);
        }

        return longest;
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
