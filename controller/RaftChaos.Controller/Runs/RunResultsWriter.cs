using System.Text.Json;
using RaftChaos.Checker;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// Writes results.json with the fields the report reads (the nightly's RunFolderReader reads it back): testName, verdict,
/// model, seed, replayCommand, configuration{}, checkerMs, failover{}, processNodes{}, plus counts, heal problems, the
/// run id and the cluster start time.
/// </summary>
public static class RunResultsWriter
{
    /// <summary>Writes the file.</summary>
    public static async Task WriteAsync(string path, ChaosRunOptions options, string runId, ChaosRunResult result, IReadOnlyDictionary<int, string> processNodes, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            await using (json.ConfigureAwait(false))
            {
                json.WriteStartObject();
                json.WriteString("testName", options.EffectiveName);
                json.WriteString("verdict", result.Verdict switch { Verdict.Valid => "valid", Verdict.Invalid => "invalid", _ => "unknown" });
                json.WriteString("model", result.Check.Model);
                json.WriteNumber("seed", options.Seed);
                if (options.ReplayCommand is not null) json.WriteString("replayCommand", options.ReplayCommand);
                json.WriteString("runId", runId);

                json.WriteStartObject("configuration");
                json.WriteNumber("nodes", options.Nodes);
                json.WriteString("workload", options.Workload.Workload);
                json.WriteString("nemesis", options.Nemesis.Kinds.Count == 0 ? "none" : string.Join(",", options.Nemesis.Kinds));
                json.WriteNumber("nemesisIntervalSeconds", options.Nemesis.Interval.TotalSeconds);
                json.WriteNumber("timeLimitSeconds", options.TimeLimit.TotalSeconds);
                json.WriteNumber("concurrency", options.Workload.Concurrency);
                json.WriteNumber("rate", options.Workload.Rate);
                json.WriteNumber("timeoutMs", options.Workload.Timeout.TotalMilliseconds);
                json.WriteString("unsafe", string.Join(",", options.Unsafe));
                if (options.Failpoint is not null) json.WriteString("failpoint", options.Failpoint);
                json.WriteEndObject();

                // The linearizability verdict alone ("verdict" above is every check together).
                json.WriteString("linearizable", result.Check.Verdict switch { Verdict.Valid => "valid", Verdict.Invalid => "invalid", _ => "unknown" });
                foreach (var outcome in result.NodeLogChecks)
                {
                    json.WriteStartObject(outcome.Name);
                    json.WriteBoolean("valid", outcome.Verdict == Verdict.Valid);
                    json.WriteStartArray("violations");
                    foreach (var finding in outcome.Findings)
                    {
                        json.WriteStartObject();
                        json.WriteString("text", finding.Text);
                        if (finding.AtSeconds is { } at) json.WriteNumber("afterSeconds", at);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteNumber("checkerMs", result.Check.Elapsed.TotalMilliseconds);
                json.WriteNumber("clusterStartMs", result.ClusterStart.TotalMilliseconds);
                json.WriteStartObject("counts");
                json.WriteNumber("invoked", result.Operations.Invoked);
                json.WriteNumber("ok", result.Operations.Ok);
                json.WriteNumber("fail", result.Operations.Fail);
                json.WriteNumber("info", result.Operations.Info);
                json.WriteNumber("nemesisEvents", result.NemesisEvents);
                json.WriteEndObject();

                json.WriteStartObject("failover");
                json.WriteNumber("timeWithoutLeaderMs", Math.Round(result.Failover.TimeWithoutLeaderMs, 1));
                json.WriteNumber("terms", result.Failover.Terms);
                json.WriteStartArray("killToNextWriteMs");
                foreach (var kill in result.Failover.KillToNextWrite)
                {
                    json.WriteStartObject();
                    json.WriteNumber("atMs", Math.Round(kill.AtMs, 1));
                    json.WriteString("node", kill.Node);
                    if (kill.Ms is { } ms) json.WriteNumber("ms", Math.Round(ms, 1));
                    else json.WriteNull("ms");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (result.Failover.MedianKillToNextWriteMs is { } median) json.WriteNumber("medianKillToNextWriteMs", Math.Round(median, 1));
                json.WriteEndObject();

                json.WriteStartArray("healProblems");
                foreach (var problem in result.HealProblems) json.WriteStringValue(problem);
                json.WriteEndArray();

                json.WriteStartObject("processNodes");
                foreach (var (process, node) in processNodes.OrderBy(p => p.Key)) json.WriteString(process.ToString(System.Globalization.CultureInfo.InvariantCulture), node);
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }
    }
}
