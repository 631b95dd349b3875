using RaftChaos.Simulation.Faults;
using RaftChaos.Simulation.Network;

namespace RaftChaos.Simulation.Tests.Faults;

public sealed class PartitionPlannerTests
{
    private static readonly ulong[] Five = [1, 2, 3, 4, 5];

    private static HashSet<ulong> Reachable(Grudge grudge, ulong node, IEnumerable<ulong> nodes) =>
        [.. nodes.Where(other => other == node || (!grudge.Blocks(node, other) && !grudge.Blocks(other, node)))];

    [Test]
    public void Isolate_CutsOneNodeFromAllOthers()
    {
        var grudge = PartitionPlanner.Isolate(3, Five);

        Assert.That(Reachable(grudge, 3, Five), Is.EquivalentTo(new ulong[] { 3 }));
        Assert.That(Reachable(grudge, 1, Five), Is.EquivalentTo(new ulong[] { 1, 2, 4, 5 }));
        Assert.That(grudge.ToJson(), Is.EqualTo("""{"n1":["n3"],"n2":["n3"],"n3":["n1","n2","n4","n5"],"n4":["n3"],"n5":["n3"]}"""));
    }

    [Test]
    public void Halves_MinorityFirst()
    {
        var grudge = PartitionPlanner.Halves([4, 2, 1, 3, 5]);

        Assert.That(Reachable(grudge, 4, Five), Is.EquivalentTo(new ulong[] { 4, 2 }));
        Assert.That(Reachable(grudge, 1, Five), Is.EquivalentTo(new ulong[] { 1, 3, 5 }));
    }

    [TestCase(5)]
    [TestCase(7)]
    public void MajoritiesRing_EveryNodeSeesADistinctMajority(int n)
    {
        var nodes = Enumerable.Range(1, n).Select(i => (ulong)i).ToArray();
        var grudge = PartitionPlanner.MajoritiesRing(nodes);

        var views = nodes.Select(node => Reachable(grudge, node, nodes)).ToList();

        Assert.That(views.Select(v => v.Count), Is.All.GreaterThanOrEqualTo(n / 2 + 1));
        Assert.That(views.Select(v => string.Join(',', v.Order())).Distinct().Count(), Is.EqualTo(n));
        Assert.That(views.Select(v => v.Count), Is.All.LessThan(n), "nobody sees everyone");
    }

    [Test]
    public void Bridge_OnlyTheMiddleNodeSeesBothSides()
    {
        var grudge = PartitionPlanner.Bridge([1, 2, 3, 4, 5]);

        Assert.That(Reachable(grudge, 3, Five), Is.EquivalentTo(Five));
        Assert.That(Reachable(grudge, 1, Five), Is.EquivalentTo(new ulong[] { 1, 2, 3 }));
        Assert.That(Reachable(grudge, 5, Five), Is.EquivalentTo(new ulong[] { 3, 4, 5 }));
    }
}
