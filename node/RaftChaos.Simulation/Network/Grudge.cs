using System.Text;

namespace RaftChaos.Simulation.Network;

/// <summary>
/// A partition planned as data (Jepsen's grudge): for each node, the nodes whose messages it drops. Applied by
/// <see cref="SimNetwork"/> at send and delivery time, as iptables DROP rules inside each container would be.
/// </summary>
/// <param name="Shape">What planned it: <c>isolate</c>, <c>leader-alone</c>, <c>halves</c>, <c>majorities-ring</c>, <c>bridge</c>, ...</param>
/// <param name="Ignores">Node → the nodes it ignores. Missing nodes ignore nobody.</param>
public sealed record Grudge(string Shape, IReadOnlyDictionary<ulong, IReadOnlySet<ulong>> Ignores)
{
    /// <summary>A healthy network.</summary>
    public static Grudge None { get; } = new("none", new Dictionary<ulong, IReadOnlySet<ulong>>());

    /// <summary>True when <paramref name="to"/> drops what <paramref name="from"/> sends.</summary>
    public bool Blocks(ulong from, ulong to) => Ignores.TryGetValue(to, out var ignored) && ignored.Contains(from);

    /// <summary>The grudge as the JSON object of a nemesis history event, e.g. <c>{"n1":["n2","n3"]}</c>, nodes in order.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (node, ignored) in Ignores.OrderBy(p => p.Key))
        {
            if (ignored.Count == 0)
            {
                continue;
            }

            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append("\"n").Append(node).Append("\":[");
            sb.AppendJoin(',', ignored.Order().Select(n => $"\"n{n}\""));
            sb.Append(']');
        }
        return sb.Append('}').ToString();
    }
}
