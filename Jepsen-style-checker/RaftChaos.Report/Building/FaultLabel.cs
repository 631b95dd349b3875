using System.Text.Json;

namespace RaftChaos.Report.Building;

/// <summary>
/// Names a fault and its target from the starting nemesis event's value, e.g. <c>pause n1</c>, <c>kill n2,n3</c>,
/// <c>bump-clock n3=250</c>. A grudge (an object mapping each node to the nodes it ignores, as a partition's value is)
/// is shown as the groups that can still talk, smallest first: <c>partition {n1} | {n2,n3}</c>.
/// </summary>
internal static class FaultLabel
{
    /// <summary>The label for a window of <paramref name="kind"/> whose starting event's value is <paramref name="valueJson"/> (null: none).</summary>
    public static string Of(string kind, string? valueJson)
    {
        if (valueJson is null)
        {
            return kind;
        }

        try
        {
            using var document = JsonDocument.Parse(valueJson);
            var target = Target(document.RootElement);
            return target.Length == 0 ? kind : kind + " " + target;
        }
        catch (JsonException)
        {
            // The history reader already parsed it; a value that is not JSON here is shown as it is.
            return kind + " " + valueJson;
        }
    }

    /// <summary>
    /// The groups a grudge leaves: two nodes are in one group when a path joins them through pairs where neither ignores
    /// the other. Each group sorted by name; groups by size, then by first name.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Components(IReadOnlyDictionary<string, IReadOnlyList<string>> grudge)
    {
        var nodes = grudge.Keys.Concat(grudge.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        bool Ignores(string a, string b) => grudge.TryGetValue(a, out var ignored) && ignored.Contains(b, StringComparer.Ordinal);
        var group = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        foreach (var start in nodes)
        {
            if (group.ContainsKey(start))
            {
                continue;
            }

            var members = new List<string>();
            var pending = new Stack<string>([start]);
            group[start] = groups.Count;
            while (pending.TryPop(out var node))
            {
                members.Add(node);
                foreach (var other in nodes.Where(o => !group.ContainsKey(o) && !Ignores(node, o) && !Ignores(o, node)))
                {
                    group[other] = groups.Count;
                    pending.Push(other);
                }
            }

            groups.Add(members);
        }

        return groups
            .Select(g => (IReadOnlyList<string>)g.Order(StringComparer.Ordinal).ToArray())
            .OrderBy(g => g.Count)
            .ThenBy(g => g[0], StringComparer.Ordinal)
            .ToArray();
    }

    private static string Target(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Scalar)),
        JsonValueKind.Object when IsGrudge(value) => string.Join(" | ", Components(Grudge(value)).Select(g => "{" + string.Join(",", g) + "}")),
        JsonValueKind.Object => string.Join(" ", value.EnumerateObject().Select(p => p.Name + "=" + Scalar(p.Value))),
        _ => value.GetRawText(),
    };

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static bool IsGrudge(JsonElement value) =>
        value.EnumerateObject().Any() && value.EnumerateObject().All(p =>
            p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String));

    private static Dictionary<string, IReadOnlyList<string>> Grudge(JsonElement value) =>
        value.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (IReadOnlyList<string>)p.Value.EnumerateArray().Select(n => n.GetString()!).ToArray(),
            StringComparer.Ordinal);
}
