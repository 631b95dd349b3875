using System.Text.Json;
using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Rendering;

/// <summary>
/// Writes a <see cref="ReportModel"/> as the compact JSON the page script reads. Operations are stored as column
/// arrays (one array per field, functions and keys as indexes into name lists), which keeps 100,000 operations to a
/// few megabytes. The default encoder escapes <c>&lt;</c>, so the JSON can sit inside a script element.
/// </summary>
internal static class ReportDataWriter
{
    /// <summary>Writes the JSON for <paramref name="model"/>.</summary>
    public static void Write(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteStartObject();
        WriteSummary(json, model.Summary);
        WriteOperations(json, model);
        json.WriteStartArray("keys");
        foreach (var key in model.Keys)
        {
            json.WriteStartObject();
            json.WriteString("label", key.Label);
            json.WriteString("verdict", key.Verdict);
            Ints(json, "processes", key.Processes);
            Ints(json, "ops", key.OperationIds);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("pages");
        foreach (var page in model.Pages)
        {
            json.WriteStartArray();
            foreach (var s in page.Sections)
            {
                json.WriteStartArray();
                json.WriteNumberValue(s.Key);
                json.WriteNumberValue(s.First);
                json.WriteNumberValue(s.Count);
                json.WriteNumberValue(s.Start);
                json.WriteNumberValue(s.End);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        WriteFaults(json, model.Faults);
        WriteLanes(json, model.Lanes);
        WritePlots(json, model);
        WriteCounterexamples(json, model.Counterexamples);
        json.WriteStartArray("links");
        foreach (var link in model.Links)
        {
            json.WriteStartObject();
            json.WriteString("label", link.Label);
            json.WriteString("href", link.Href);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("paging", model.PagingNote);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, ReportSummary s)
    {
        json.WriteStartObject("summary");
        json.WriteString("title", s.Title);
        json.WriteString("verdict", s.Verdict);
        json.WriteStartArray("checks");
        foreach (var check in s.Checks)
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("verdict", check.Verdict);
            json.WriteStartArray("findings");
            foreach (var finding in check.Findings)
            {
                json.WriteStartObject();
                json.WriteString("text", finding.Text);
                NullableNumber(json, "at", finding.At);
                json.WriteString("key", finding.Key);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", s.Model);
        json.WriteString("source", s.HistorySource);
        json.WriteNumber("operations", s.OperationCount);
        json.WriteNumber("keys", s.KeyCount);
        json.WriteNumber("processes", s.ProcessCount);
        json.WriteNumber("duration", s.Duration);
        NullableNumber(json, "checkerMs", s.CheckerMilliseconds);
        NullableNumber(json, "seed", s.Seed);
        json.WriteString("replay", s.ReplayCommand);
        Fields(json, "configuration", s.Configuration);
        Fields(json, "figures", s.Figures);
        NullableNumber(json, "longestGap", s.LongestAcknowledgedGap);
        json.WriteStartArray("counts");
        foreach (var c in s.Counts)
        {
            json.WriteStartObject();
            json.WriteString("f", c.F);
            json.WriteNumber("ok", c.Ok);
            json.WriteNumber("fail", c.Fail);
            json.WriteNumber("info", c.Info);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("reasons");
        foreach (var r in s.Reasons)
        {
            json.WriteStartObject();
            json.WriteString("f", r.F);
            json.WriteString("o", r.Outcome);
            json.WriteString("reason", r.Reason);
            json.WriteString("meaning", r.Meaning);
            json.WriteNumber("count", r.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("faultKinds");
        foreach (var k in s.FaultKinds)
        {
            json.WriteStartObject();
            json.WriteString("kind", k.Kind);
            json.WriteNumber("count", k.Count);
            json.WriteNumber("total", k.TotalDuration);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Name/value pairs as [name, value] arrays, in order.
    private static void Fields(Utf8JsonWriter json, string name, IReadOnlyList<ReportField> fields)
    {
        json.WriteStartArray(name);
        foreach (var field in fields)
        {
            json.WriteStartArray();
            json.WriteStringValue(field.Name);
            json.WriteStringValue(field.Value);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    // Each lane with its spans as [start, end, text].
    private static void WriteLanes(Utf8JsonWriter json, IReadOnlyList<TimelineLane> lanes)
    {
        json.WriteStartArray("lanes");
        foreach (var lane in lanes)
        {
            json.WriteStartObject();
            json.WriteString("name", lane.Name);
            json.WriteStartArray("spans");
            foreach (var span in lane.Spans)
            {
                json.WriteStartArray();
                json.WriteNumberValue(span.Start);
                json.WriteNumberValue(span.End);
                json.WriteStringValue(span.Text);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // Column arrays: idx, p, f (index into fs), k (index into keys), v and r (raw JSON values), o (0 ok, 1 fail, 2 info),
    // t0, t1 (-1: never completed), n (index into nodes, -1: unknown), e (index into errors, -1: no reason recorded),
    // ne (node where the call ended) and rf (node that refused before a redirect), both indexes into nodes or -1.
    // errors holds [code, meaning] for each code the operations carry, in the checker's order of codes.
    private static void WriteOperations(Utf8JsonWriter json, ReportModel model)
    {
        var ops = model.Operations;
        var functions = ops.Select(o => o.F).Distinct(StringComparer.Ordinal).ToList();
        var nodes = ops.SelectMany(o => new[] { o.Node, o.EndNode, o.RedirectedFrom }).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var errors = ops.Where(o => o.Error is not null).Select(o => o.Error!).Distinct(StringComparer.Ordinal)
            .OrderBy(CodeOrder).ThenBy(code => code, StringComparer.Ordinal).ToList();
        var keyOf = new int[ops.Count];
        for (var k = 0; k < model.Keys.Count; k++)
        {
            foreach (var id in model.Keys[k].OperationIds)
            {
                keyOf[id] = k;
            }
        }

        Strings(json, "fs", functions);
        Strings(json, "nodes", nodes);
        json.WriteStartArray("errors");
        foreach (var code in errors)
        {
            json.WriteStartArray();
            json.WriteStringValue(code);
            json.WriteStringValue(ErrorCode.Find(code)?.Meaning);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        var eIndex = errors.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i, StringComparer.Ordinal);
        var fIndex = functions.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var nIndex = nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        json.WriteStartObject("ops");
        Column(json, "idx", ops, o => o.Index);
        Column(json, "p", ops, o => o.Process);
        Column(json, "f", ops, o => fIndex[o.F]);
        Column(json, "k", ops, o => keyOf[o.Id]);
        Column(json, "o", ops, o => o.Outcome switch { "ok" => 0, "fail" => 1, _ => 2 });
        Column(json, "t0", ops, o => o.Invoke);
        Column(json, "t1", ops, o => o.Complete ?? -1);
        Column(json, "n", ops, o => o.Node is null ? -1 : nIndex[o.Node]);
        Column(json, "e", ops, o => o.Error is null ? -1 : eIndex[o.Error]);
        Column(json, "ne", ops, o => o.EndNode is null ? -1 : nIndex[o.EndNode]);
        Column(json, "rf", ops, o => o.RedirectedFrom is null ? -1 : nIndex[o.RedirectedFrom]);
        json.WriteStartArray("v");
        foreach (var o in ops)
        {
            json.WriteRawValue(ScriptSafe(o.Value), skipInputValidation: true);
        }

        json.WriteEndArray();
        json.WriteStartArray("r");
        foreach (var o in ops)
        {
            json.WriteRawValue(o.Result is null ? "null" : ScriptSafe(o.Result), skipInputValidation: true);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Known codes in the checker's order (so colours follow the list), unknown ones after.
    private static int CodeOrder(string code)
    {
        var known = ErrorCode.Find(code);
        return known is null ? int.MaxValue : ErrorCode.All.ToList().IndexOf(known);
    }

    private static void WriteFaults(Utf8JsonWriter json, IReadOnlyList<FaultWindow> faults)
    {
        json.WriteStartArray("faults");
        foreach (var w in faults)
        {
            json.WriteStartObject();
            json.WriteString("kind", w.Kind);
            json.WriteString("startF", w.StartF);
            json.WriteString("stopF", w.StopF);
            json.WriteNumber("start", w.Start);
            json.WriteNumber("end", w.End);
            json.WriteBoolean("healed", w.Healed);
            json.WriteBoolean("instant", w.Instantaneous);
            json.WriteString("value", w.Value);
            json.WriteNumber("index", w.StartIndex);
            json.WriteString("label", w.Label);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePlots(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteStartArray("latency");
        foreach (var s in model.Latency)
        {
            json.WriteStartObject();
            json.WriteString("f", s.F);
            json.WriteString("o", s.Outcome);
            Ints(json, "ops", s.OperationIds);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("throughput");
        json.WriteNumber("width", model.Throughput.BucketWidth);
        json.WriteNumber("count", model.Throughput.BucketCount);
        json.WriteStartArray("rows");
        foreach (var row in model.Throughput.Rows)
        {
            json.WriteStartObject();
            json.WriteString("f", row.F);
            json.WriteString("o", row.Outcome);
            Ints(json, "counts", row.Counts);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("percentiles");
        foreach (var p in model.Percentiles)
        {
            json.WriteStartObject();
            json.WriteString("f", p.F);
            json.WriteNumber("count", p.Count);
            json.WriteNumber("p50", p.P50);
            json.WriteNumber("p90", p.P90);
            json.WriteNumber("p95", p.P95);
            json.WriteNumber("p99", p.P99);
            json.WriteNumber("p999", p.P999);
            json.WriteNumber("max", p.Max);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCounterexamples(Utf8JsonWriter json, IReadOnlyList<CounterexampleView> views)
    {
        json.WriteStartArray("counterexamples");
        foreach (var c in views)
        {
            json.WriteStartObject();
            json.WriteNumber("key", c.Key);
            json.WriteString("keyLabel", c.KeyLabel);
            json.WriteNumber("page", c.Page);
            json.WriteNumber("prefixLength", c.PrefixLength);
            json.WriteString("initialState", c.InitialState);
            json.WriteString("stateAfterPrefix", c.StateAfterPrefix);
            if (c.UndecidedReason is { } undecided)
            {
                json.WriteString("undecided", undecided);
            }
            json.WriteStartArray("prefix");
            foreach (var step in c.Prefix)
            {
                json.WriteStartObject();
                json.WriteNumber("pos", step.Position);
                json.WriteNumber("op", step.Operation);
                json.WriteString("text", step.Description);
                json.WriteString("state", step.StateAfter);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("blocked");
            foreach (var b in c.CannotFollow)
            {
                json.WriteStartObject();
                json.WriteNumber("op", b.Operation);
                json.WriteString("text", b.Description);
                json.WriteString("reason", b.Reason);
                json.WriteBoolean("legal", b.LegalNext);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // Raw values come from the checker's relaxed encoder; '<' only occurs inside JSON strings, where \u003c means the same.
    private static string ScriptSafe(string rawJson) => rawJson.Contains('<', StringComparison.Ordinal) ? rawJson.Replace("<", "\\u003c", StringComparison.Ordinal) : rawJson;

    private static void Column(Utf8JsonWriter json, string name, IReadOnlyList<ReportOperation> ops, Func<ReportOperation, long> select)
    {
        json.WriteStartArray(name);
        foreach (var o in ops)
        {
            json.WriteNumberValue(select(o));
        }

        json.WriteEndArray();
    }

    private static void Ints(Utf8JsonWriter json, string name, IReadOnlyList<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void NullableNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
