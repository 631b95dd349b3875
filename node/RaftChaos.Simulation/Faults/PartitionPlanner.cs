using RaftChaos.Simulation.Network;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// Pure functions planning partitions as grudges (Jepsen's <c>nemesis/complete-grudge</c>, <c>bisect</c>,
/// <c>majorities-ring</c>, <c>bridge</c>). Every grudge here is symmetric: a cut link drops traffic both ways.
/// </summary>
public static class PartitionPlanner
{
    /// <summary>Cuts every link between different components.</summary>
    public static Grudge Complete(string shape, params IReadOnlyList<ulong>[] components)
    {
        var ignores = new Dictionary<ulong, IReadOnlySet<ulong>>();
        foreach (var component in components)
        {
            var others = components.Where(c => !ReferenceEquals(c, component)).SelectMany(c => c).ToHashSet();
            foreach (var node in component)
            {
                ignores[node] = others;
            }
        }
        return new Grudge(shape, ignores);
    }

    /// <summary>One node alone, the rest together.</summary>
    public static Grudge Isolate(ulong node, IReadOnlyList<ulong> nodes, string shape = "isolate") =>
        Complete(shape, [node], [.. nodes.Where(n => n != node)]);

    /// <summary>Splits <paramref name="ordered"/> after its first ⌊n/2⌋ nodes: a minority and a majority.</summary>
    public static Grudge Halves(IReadOnlyList<ulong> ordered, string shape = "halves")
    {
        var cut = ordered.Count / 2;
        return Complete(shape, [.. ordered.Take(cut)], [.. ordered.Skip(cut)]);
    }

    /// <summary>
    /// Each node sees a majority (itself and its nearest neighbours on a ring) but no two nodes see the same majority,
    /// so several nodes may each believe they lead a quorum. With 3 nodes every majority ring is the whole cluster;
    /// then the ring degenerates to halves.
    /// </summary>
    public static Grudge MajoritiesRing(IReadOnlyList<ulong> ring)
    {
        var n = ring.Count;
        if (n < 5)
        {
            return Halves(ring, "majorities-ring");
        }

        var majority = n / 2 + 1;
        var reach = (majority) / 2; // neighbours each side: 5 → 1 (sees 3), 7 → 2 (sees 5)
        var ignores = new Dictionary<ulong, IReadOnlySet<ulong>>();
        for (var i = 0; i < n; i++)
        {
            var visible = new HashSet<ulong>();
            for (var d = -reach; d <= reach; d++)
            {
                visible.Add(ring[((i + d) % n + n) % n]);
            }

            ignores[ring[i]] = ring.Where(x => !visible.Contains(x)).ToHashSet();
        }
        return new Grudge("majorities-ring", ignores);
    }

    /// <summary>Two halves that cannot talk, joined by one bridge node that talks to both (the middle of <paramref name="ordered"/>).</summary>
    public static Grudge Bridge(IReadOnlyList<ulong> ordered)
    {
        var n = ordered.Count;
        var bridge = ordered[n / 2];
        var left = ordered.Take(n / 2).ToList();
        var right = ordered.Skip(n / 2 + 1).ToList();
        var ignores = new Dictionary<ulong, IReadOnlySet<ulong>> { [bridge] = new HashSet<ulong>() };
        foreach (var node in left)
        {
            ignores[node] = right.ToHashSet();
        }

        foreach (var node in right)
        {
            ignores[node] = left.ToHashSet();
        }

        return new Grudge("bridge", ignores);
    }
}
