using System.Text.Json;

namespace RaftChaos.Report.Input;

/// <summary>
/// The JSON shape of a node-log check (<c>electionSafety</c>, <c>stateMachineSafety</c>):
/// <c>{ "valid": bool, "violations": [ { ... } ] }</c>. <c>raftchaos run</c> writes it into results.json and the report
/// into its page data; <see cref="RunResultsReader"/> reads it back.
/// </summary>
public static class NodeLogCheckJson
{
    /// <summary>Writes the check as property <paramref name="name"/>; <paramref name="writeViolation"/> writes one violation's fields.</summary>
    public static void Write<T>(Utf8JsonWriter json, string name, bool valid, IEnumerable<T> violations, Action<T> writeViolation)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(writeViolation);
        json.WriteStartObject(name);
        json.WriteBoolean("valid", valid);
        json.WriteStartArray("violations");
        foreach (var violation in violations)
        {
            json.WriteStartObject();
            writeViolation(violation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
