using System.Text.Json.Serialization;

namespace RaftChaos.Runs;

/// <summary>
/// The one JSON shape of results.json, source-generated: camelCase names, verdicts as words, nulls left out, indented
/// for people. Unknown fields are ignored, so a newer writer's additions do not break an older reader.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(VerdictJsonConverter)])]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;
