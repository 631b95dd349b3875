using System.Text.Json;
using RaftChaos.Checker.History;

namespace RaftChaos.Runs;

/// <summary>Saves and loads a <see cref="RunRecord"/> as a run folder's <c>results.json</c>: the one place that knows the file.</summary>
public static class RunRecordFile
{
    /// <summary>The record's file name inside a run folder.</summary>
    public const string FileName = "results.json";

    /// <summary>The shape this version writes and reads (<see cref="RunRecord.Schema"/>).</summary>
    public const int CurrentSchema = 2;

    /// <summary>The record's path inside <paramref name="runFolder"/>.</summary>
    public static string PathIn(string runFolder) => Path.Combine(runFolder, FileName);

    /// <summary>The record as results.json text.</summary>
    public static string ToJson(RunRecord record) => JsonSerializer.Serialize(record, RunRecordJsonContext.Default.RunRecord);

    /// <summary>Writes <paramref name="record"/> to <c>results.json</c> in <paramref name="runFolder"/> (atomically: a crash leaves the old file or the new one).</summary>
    public static async Task SaveAsync(string runFolder, RunRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathIn(runFolder);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, ToJson(record), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads <c>results.json</c> from <paramref name="runFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no results.json.</exception>
    /// <exception cref="HistoryFormatException">The file is not a run record: it names the file, the line and what is wrong.</exception>
    public static async Task<RunRecord> LoadAsync(string runFolder, CancellationToken cancellationToken)
    {
        var path = PathIn(runFolder);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file (a run folder holds one when the run finished)", path);
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }

    /// <summary>Reads a record from results.json text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="HistoryFormatException">The text is not a run record of this version.</exception>
    public static RunRecord Parse(string json, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        int? schema;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new HistoryFormatException(source, 1, "results.json must hold a JSON object");
            }

            schema = document.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException ex)
        {
            throw new HistoryFormatException(source, Line(ex), $"results.json is not valid JSON: {ex.Message}");
        }

        if (schema != CurrentSchema)
        {
            throw new HistoryFormatException(source, 1, schema is null
                ? "results.json has no \"schema\": it was written before schema 2 (older runs); its history.jsonl can still be checked and reported on its own (raftchaos check / raftchaos report HISTORY.jsonl)"
                : $"results.json has schema {schema}; this version reads schema {CurrentSchema}");
        }

        try
        {
            return JsonSerializer.Deserialize(json, RunRecordJsonContext.Default.RunRecord)
                ?? throw new HistoryFormatException(source, 1, "results.json holds null");
        }
        catch (JsonException ex)
        {
            throw new HistoryFormatException(source, Line(ex), $"results.json is not a run record: {ex.Message}");
        }
    }

    private static int Line(JsonException ex) => (int)(ex.LineNumber ?? 0) + 1;
}
