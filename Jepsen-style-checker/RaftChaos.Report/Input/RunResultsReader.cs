using System.Globalization;
using System.Text.Json;
using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// Reads the parts of <c>results.json</c> the report shows. Every field is optional and unknown fields are ignored:
/// <code>
/// {
///   "testName": "register-partition",
///   "verdict": "valid" | "invalid" | "unknown",
///   "model": "cas-register",
///   "seed": 42,
///   "replayCommand": "raftchaos run --seed 42 ...",
///   "configuration": { "nodes": 3, "nemesis": "partition", ... },
///   "checkerMs": 12.5,
///   "failover": {
///     "timeWithoutLeaderMs": 1234.5,
///     "terms": 4,
///     "killToNextWriteMs": [ 812.0, { "atMs": 5000, "node": "n1", "ms": 640.5 } ]
///   },
///   "processNodes": { "0": "n1", "1": "n2" },
///   "electionSafety": { "valid": false, "violations": [ { "term": 4, "leaders": ["n1", "n3"], "afterSeconds": 3.1 } ] },
///   "stateMachineSafety": { "valid": false, "violations": [
///     { "node": "n2", "index": 57, "committedTerm": 3, "leaderTerm": 4, "afterSeconds": 12.5 } ] }
/// }
/// </code>
/// <c>verdict</c> is every check of the run together. <c>electionSafety</c> and <c>stateMachineSafety</c> (absent from
/// older files) are the node-log checks that no term had two leaders and that no index had two committed entries. Each
/// <c>valid</c> defaults to "no violations listed", and may not be true while violations are listed.
/// A file that is not JSON, or a known field of the wrong type, throws <see cref="HistoryFormatException"/> naming the
/// file, the line and the reason (the CLI maps it to exit code 65).
/// </summary>
public static class RunResultsReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="HistoryFormatException">The file is not valid results JSON.</exception>
    public static async Task<RunResults> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new HistoryFormatException(path, (int)(ex.LineNumber ?? 0) + 1, $"results.json is not valid JSON: {ex.Message}");
            }

            using (document)
            {
                return Parse(document.RootElement, path);
            }
        }
    }

    /// <summary>Reads results from JSON text (tests, or a run that holds them in memory).</summary>
    /// <exception cref="HistoryFormatException">The text is not valid results JSON.</exception>
    public static RunResults Parse(string json, string source = "results.json")
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, source);
        }
        catch (JsonException ex)
        {
            throw new HistoryFormatException(source, (int)(ex.LineNumber ?? 0) + 1, $"results.json is not valid JSON: {ex.Message}");
        }
    }

    private static RunResults Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new HistoryFormatException(source, 1, "results.json must hold a JSON object");
        }

        var configuration = new List<ReportField>();
        if (root.TryGetProperty("configuration", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            configuration.AddRange(config.EnumerateObject().Select(property => new ReportField(property.Name, Text(property.Value))));
        }

        var nodes = new Dictionary<int, string>();
        if (root.TryGetProperty("processNodes", out var processNodes) && processNodes.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in processNodes.EnumerateObject())
            {
                if (int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var process))
                {
                    nodes[process] = Text(property.Value);
                }
            }
        }

        var verdict = String(root, "verdict", source)?.ToLowerInvariant();
        if (verdict is not (null or "valid" or "invalid" or "unknown"))
        {
            throw new HistoryFormatException(source, 1, $"verdict must be valid, invalid or unknown, got \"{verdict}\"");
        }

        return new RunResults(
            String(root, "testName", source),
            verdict,
            String(root, "model", source),
            Seed(root, source),
            String(root, "replayCommand", source),
            configuration,
            Number(root, "checkerMs", source),
            root.TryGetProperty("failover", out var failover) && failover.ValueKind == JsonValueKind.Object ? Failover(failover, source) : null,
            nodes,
            NodeLogCheck(root, "electionSafety", source, LeaderConflict, (valid, list) => new ElectionSafetyCheck(valid, list)),
            NodeLogCheck(root, "stateMachineSafety", source, CommittedEntryConflict, (valid, list) => new StateMachineSafetyCheck(valid, list)));
    }

    // A node-log check: { "valid": bool, "violations": [ ... ] }; null when the file does not record it.
    private static TCheck? NodeLogCheck<TCheck, TViolation>(
        JsonElement root, string name, string source, Func<JsonElement, string, string, TViolation> violation, Func<bool, IReadOnlyList<TViolation>, TCheck> create)
        where TCheck : class
    {
        if (!root.TryGetProperty(name, out var check) || check.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (check.ValueKind != JsonValueKind.Object)
        {
            throw new HistoryFormatException(source, 1, $"{name} must be an object, got {check.GetRawText()}");
        }

        bool? valid = !check.TryGetProperty("valid", out var flag) || flag.ValueKind == JsonValueKind.Null ? null
            : flag.ValueKind is JsonValueKind.True or JsonValueKind.False ? flag.GetBoolean()
            : throw new HistoryFormatException(source, 1, $"{name}.valid must be true or false, got {flag.GetRawText()}");

        var violations = new List<TViolation>();
        if (check.TryGetProperty("violations", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new HistoryFormatException(source, 1, $"{name}.violations must be an array, got {list.GetRawText()}");
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                violations.Add(violation(item, $"{name}.violations[{index++}]", source));
            }
        }

        if (valid == true && violations.Count > 0)
        {
            throw new HistoryFormatException(source, 1, $"{name}.valid is true but {violations.Count} violation(s) are listed");
        }

        return create(valid ?? violations.Count == 0, violations);
    }

    private static CommittedEntryConflict CommittedEntryConflict(JsonElement item, string where, string source)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new HistoryFormatException(source, 1, $"{where} must be an object with node, index, committedTerm and leaderTerm, got {item.GetRawText()}");
        }

        if (!item.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(node.GetString()))
        {
            throw new HistoryFormatException(source, 1, $"{where}.node must be a node id, got {(node.ValueKind == JsonValueKind.Undefined ? "nothing" : node.GetRawText())}");
        }

        return new CommittedEntryConflict(node.GetString()!, Counter(item, "index", where, source), Counter(item, "committedTerm", where, source),
            Counter(item, "leaderTerm", where, source), AfterSeconds(item, where, source));
    }

    private static ulong Counter(JsonElement item, string name, string where, string source) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number) ? number
        : throw new HistoryFormatException(source, 1, $"{where}.{name} must be a non-negative integer, got {(value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText())}");

    private static double? AfterSeconds(JsonElement item, string where, string source) =>
        !item.TryGetProperty("afterSeconds", out var afterSeconds) || afterSeconds.ValueKind == JsonValueKind.Null ? null
        : afterSeconds.ValueKind == JsonValueKind.Number && afterSeconds.GetDouble() >= 0 ? afterSeconds.GetDouble()
        : throw new HistoryFormatException(source, 1, $"{where}.afterSeconds must be a non-negative number, got {afterSeconds.GetRawText()}");

    private static LeaderConflict LeaderConflict(JsonElement item, string where, string source)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new HistoryFormatException(source, 1, $"{where} must be an object with term and leaders, got {item.GetRawText()}");
        }

        var number = Counter(item, "term", where, source);

        if (!item.TryGetProperty("leaders", out var leaders) || leaders.ValueKind != JsonValueKind.Array
            || leaders.GetArrayLength() < 2 || leaders.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
        {
            throw new HistoryFormatException(source, 1, $"{where}.leaders must be an array of at least two node ids, got {(leaders.ValueKind == JsonValueKind.Undefined ? "nothing" : leaders.GetRawText())}");
        }

        return new LeaderConflict(number, leaders.EnumerateArray().Select(l => l.GetString()!).ToArray(), AfterSeconds(item, where, source));
    }

    private static FailoverFigures Failover(JsonElement failover, string source)
    {
        var recoveries = new List<KillRecovery>();
        if (failover.TryGetProperty("killToNextWriteMs", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                recoveries.Add(item.ValueKind switch
                {
                    JsonValueKind.Number => new KillRecovery(null, null, Nanos(item.GetDouble())),
                    JsonValueKind.Null => new KillRecovery(null, null, null),
                    JsonValueKind.Object => new KillRecovery(
                        Number(item, "atMs", source) is { } at ? Nanos(at) : null,
                        String(item, "node", source),
                        Number(item, "ms", source) is { } itemMs ? Nanos(itemMs) : null),
                    _ => throw new HistoryFormatException(source, 1, "failover.killToNextWriteMs items must be numbers or objects"),
                });
            }
        }

        var terms = Number(failover, "terms", source);
        return new FailoverFigures(
            Number(failover, "timeWithoutLeaderMs", source) is { } ms ? Nanos(ms) : null,
            terms is null ? null : (int)terms.Value,
            recoveries);
    }

    private static long Nanos(double milliseconds) => (long)Math.Round(milliseconds * 1_000_000);

    private static long? Seed(JsonElement root, string source)
    {
        if (!root.TryGetProperty("seed", out var seed) || seed.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (seed.ValueKind == JsonValueKind.Number && seed.TryGetInt64(out var number))
        {
            return number;
        }

        if (seed.ValueKind == JsonValueKind.String && long.TryParse(seed.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new HistoryFormatException(source, 1, $"seed must be an integer, got {seed.GetRawText()}");
    }

    private static string? String(JsonElement parent, string name, string source) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new HistoryFormatException(source, 1, $"{name} must be a string, got {value.GetRawText()}");

    private static double? Number(JsonElement parent, string name, string source) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : throw new HistoryFormatException(source, 1, $"{name} must be a number, got {value.GetRawText()}");

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
