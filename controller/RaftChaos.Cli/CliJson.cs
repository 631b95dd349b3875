using System.Text.Json;

namespace RaftChaos.Cli;

/// <summary>
/// The JSON that <c>--json</c> prints (run, bench, simulate, kv status): one document on standard output, camelCase like
/// every JSON file of the bed, while the human progress lines go to standard error so a pipe gets only the document.
/// </summary>
internal static class CliJson
{
    /// <summary>The name of the flag, the same on every command.</summary>
    public const string Flag = "--json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The document for <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
