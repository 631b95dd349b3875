namespace RaftChaos.Controller.Faults;

/// <summary>
/// Who ignores whom (Jepsen's grudge): node → the nodes whose packets it drops. A node absent from the map drops nothing.
/// Planned by <see cref="Grudges"/>, applied by <see cref="IptablesPartition"/>.
/// </summary>
public sealed class Grudge
{
    /// <summary>The grudge of a healthy network: nobody drops anything.</summary>
    public static readonly Grudge None = new(new Dictionary<string, IReadOnlySet<string>>());

    /// <summary>Creates a grudge; a node may not hold a grudge against itself.</summary>
    public Grudge(IReadOnlyDictionary<string, IReadOnlySet<string>> drops)
    {
        foreach (var (node, dropped) in drops)
            if (dropped.Contains(node)) throw new ArgumentException($"node {node} cannot drop its own packets", nameof(drops));
        Drops = drops;
    }

    /// <summary>Node → the nodes it drops packets from.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Drops { get; }

    /// <summary>The nodes <paramref name="node"/> drops (empty when it holds no grudge).</summary>
    public IReadOnlySet<string> DroppedBy(string node) => Drops.TryGetValue(node, out var d) ? d : EmptySet;

    /// <summary>True when no node drops anything.</summary>
    public bool IsEmpty => Drops.Values.All(d => d.Count == 0);

    /// <summary>
    /// The grudge as compact JSON with sorted keys and values, e.g. <c>{"n1":["n2","n3"],"n2":["n1"]}</c>: the value of
    /// a <c>start-partition</c> history event, and a stable form to compare grudges by.
    /// </summary>
    public override string ToString()
        => "{" + string.Join(",", Drops.Where(kv => kv.Value.Count > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"\"{kv.Key}\":[" + string.Join(",", kv.Value.Order(StringComparer.Ordinal).Select(v => $"\"{v}\"")) + "]")) + "}";

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
