using System.Text.Json.Serialization;

namespace RaftChaos.Nightly.Summary;

/// <summary>
/// The source-generated serializer of summary.json: camelCase like results.json (RaftChaos.Runs' RunRecordJsonContext),
/// indented, nulls written (a reader sees every field of every run).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SummaryDocument))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
