namespace RaftChaos.Controller.Faults;

/// <summary>
/// Pure grudge planners after Jepsen's nemesis: the same nodes and the same seeded <see cref="Random"/> always give the
/// same grudge. Every grudge here is symmetric (if a drops b, b drops a), so a cut link is cut both ways.
/// </summary>
public static class Grudges
{
    /// <summary>Cuts every link between different components; nodes listed in no component are not touched.</summary>
    public static Grudge Complete(IEnumerable<IReadOnlyCollection<string>> components)
    {
        var parts = components.Select(c => c.ToHashSet(StringComparer.Ordinal)).ToList();
        var all = parts.SelectMany(p => p).ToList();
        if (all.Count != all.Distinct(StringComparer.Ordinal).Count()) throw new ArgumentException("a node is in two components", nameof(components));
        var drops = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var node in part)
                drops[node] = all.Where(other => !part.Contains(other)).ToHashSet(StringComparer.Ordinal);
        return new Grudge(drops);
    }

    /// <summary>Isolates <paramref name="node"/> (e.g. the current leader) from all the others, which still see each other.</summary>
    public static Grudge Isolate(IReadOnlyList<string> nodes, string node)
    {
        if (!nodes.Contains(node)) throw new ArgumentException($"{node} is not one of the nodes", nameof(node));
        return Complete([[node], nodes.Where(n => n != node).ToList()]);
    }

    /// <summary>Isolates one node chosen by <paramref name="random"/>.</summary>
    public static Grudge OneAlone(IReadOnlyList<string> nodes, Random random)
    {
        RequireAtLeast(nodes, 2);
        return Isolate(nodes, nodes[random.Next(nodes.Count)]);
    }

    /// <summary>Shuffles the nodes and cuts them into a minority (the smaller half) and a majority (Jepsen's bisect).</summary>
    public static Grudge RandomHalves(IReadOnlyList<string> nodes, Random random)
    {
        RequireAtLeast(nodes, 2);
        var shuffled = Shuffle(nodes, random);
        var cut = shuffled.Length / 2;
        return Complete([shuffled[..cut], shuffled[cut..]]);
    }

    /// <summary>
    /// Every node sees a majority, but no two nodes see the same majority: the nodes are shuffled onto a ring and each
    /// keeps only the links to its nearest neighbours on both sides. With three nodes that is a bridge.
    /// </summary>
    public static Grudge MajoritiesRing(IReadOnlyList<string> nodes, Random random)
    {
        RequireAtLeast(nodes, 3);
        if (nodes.Count == 3) return Bridge(nodes, random);
        var ring = Shuffle(nodes, random);
        var n = ring.Length;
        var majority = n / 2 + 1;
        // Seeing k neighbours on each side plus itself gives 2k + 1 nodes: the least k with 2k + 1 >= majority.
        var k = majority / 2;
        var drops = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var dropped = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < n; j++)
            {
                var distance = Math.Min(Math.Abs(i - j), n - Math.Abs(i - j));
                if (distance > k) dropped.Add(ring[j]);
            }
            drops[ring[i]] = dropped;
        }
        return new Grudge(drops);
    }

    /// <summary>Two halves that cannot see each other, and one bridge node in the middle that sees both.</summary>
    public static Grudge Bridge(IReadOnlyList<string> nodes, Random random)
    {
        RequireAtLeast(nodes, 3);
        var shuffled = Shuffle(nodes, random);
        var mid = shuffled.Length / 2;
        var left = shuffled[..mid];
        var right = shuffled[(mid + 1)..];
        var drops = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            [shuffled[mid]] = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var node in left) drops[node] = right.ToHashSet(StringComparer.Ordinal);
        foreach (var node in right) drops[node] = left.ToHashSet(StringComparer.Ordinal);
        return new Grudge(drops);
    }

    private static string[] Shuffle(IReadOnlyList<string> nodes, Random random)
    {
        // Sorted first so the outcome depends on the seed only, not on the order the caller listed the nodes in.
        var array = nodes.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(array);
        return array;
    }

    private static void RequireAtLeast(IReadOnlyList<string> nodes, int count)
    {
        if (nodes.Count < count) throw new ArgumentException($"this partition needs at least {count} nodes, got {nodes.Count}", nameof(nodes));
        if (nodes.Distinct(StringComparer.Ordinal).Count() != nodes.Count) throw new ArgumentException("node ids must be distinct", nameof(nodes));
    }
}
