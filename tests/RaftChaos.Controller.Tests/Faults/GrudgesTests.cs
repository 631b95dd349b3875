using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Tests.Faults;

/// <summary>The grudge planners, without Docker: properties checked over cluster sizes and seeds, plus golden cases.</summary>
public sealed class GrudgesTests
{
    private static IReadOnlyList<string> Nodes(int n) => Enumerable.Range(1, n).Select(i => $"n{i}").ToList();

    private static IEnumerable<TestCaseData> Planners()
    {
        foreach (var n in new[] { 3, 4, 5, 6, 7 })
        foreach (var seed in new[] { 1, 7, 42 })
        {
            yield return new TestCaseData("one-alone", n, seed);
            yield return new TestCaseData("halves", n, seed);
            yield return new TestCaseData("ring", n, seed);
            yield return new TestCaseData("bridge", n, seed);
        }
    }

    private static Grudge Plan(string kind, int n, int seed) => kind switch
    {
        "one-alone" => Grudges.OneAlone(Nodes(n), new Random(seed)),
        "halves" => Grudges.RandomHalves(Nodes(n), new Random(seed)),
        "ring" => Grudges.MajoritiesRing(Nodes(n), new Random(seed)),
        "bridge" => Grudges.Bridge(Nodes(n), new Random(seed)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The nodes <paramref name="node"/> can talk to, itself included.</summary>
    private static HashSet<string> Sees(Grudge g, IReadOnlyList<string> nodes, string node)
        => nodes.Where(o => !g.DroppedBy(node).Contains(o)).ToHashSet();

    [TestCaseSource(nameof(Planners))]
    public void Plan_IsSymmetric_AndDeterministicForASeed(string kind, int n, int seed)
    {
        var g = Plan(kind, n, seed);
        Assert.Multiple(() =>
        {
            foreach (var (a, dropped) in g.Drops)
                foreach (var b in dropped)
                    Assert.That(g.DroppedBy(b), Does.Contain(a), $"{a} drops {b} but not the other way: {g}");
            Assert.That(Plan(kind, n, seed).ToString(), Is.EqualTo(g.ToString()), "same seed, same grudge");
            Assert.That(g.IsEmpty, Is.False, "a partition cuts something");
        });
    }

    [TestCaseSource(nameof(Planners))]
    public void Plan_DoesNotDependOnNodeOrder(string kind, int n, int seed)
    {
        var reversed = Nodes(n).Reverse().ToList();
        var g = kind switch
        {
            "one-alone" => Grudges.OneAlone(reversed.Order().ToList(), new Random(seed)),
            "halves" => Grudges.RandomHalves(reversed, new Random(seed)),
            "ring" => Grudges.MajoritiesRing(reversed, new Random(seed)),
            _ => Grudges.Bridge(reversed, new Random(seed)),
        };
        Assert.That(g.ToString(), Is.EqualTo(Plan(kind, n, seed).ToString()));
    }

    [TestCase(3), TestCase(4), TestCase(5), TestCase(6), TestCase(7)]
    public void MajoritiesRing_EveryNodeSeesADifferentMajority(int n)
    {
        var nodes = Nodes(n);
        var g = Grudges.MajoritiesRing(nodes, new Random(3));
        var views = nodes.Select(node => string.Join(",", Sees(g, nodes, node).Order())).ToList();
        Assert.Multiple(() =>
        {
            foreach (var node in nodes)
                Assert.That(Sees(g, nodes, node), Has.Count.GreaterThanOrEqualTo(n / 2 + 1), $"{node} sees a majority in {g}");
            Assert.That(views.Distinct().Count(), Is.EqualTo(n), $"no two nodes see the same set: {string.Join(" | ", views)}");
        });
    }

    [TestCase(4), TestCase(5), TestCase(7)]
    public void RandomHalves_SplitsIntoMinorityAndMajority(int n)
    {
        var nodes = Nodes(n);
        var g = Grudges.RandomHalves(nodes, new Random(9));
        var sizes = nodes.Select(node => Sees(g, nodes, node).Count).Distinct().Order().ToList();
        Assert.That(sizes, Is.EqualTo(new[] { n / 2, n - n / 2 }.Distinct()));
    }

    [Test]
    public void Bridge_BridgeNodeSeesAll_HalvesDoNotSeeEachOther()
    {
        var nodes = Nodes(5);
        var g = Grudges.Bridge(nodes, new Random(1));
        var bridge = nodes.Single(node => g.DroppedBy(node).Count == 0);
        var others = nodes.Where(node => node != bridge).ToList();
        Assert.Multiple(() =>
        {
            foreach (var node in others)
                Assert.That(Sees(g, nodes, node), Has.Count.EqualTo(3).And.Contains(bridge), $"{node} sees its half and the bridge");
        });
    }

    [Test]
    public void Isolate_GoldenGrudge()
        => Assert.That(Grudges.Isolate(Nodes(3), "n2").ToString(), Is.EqualTo("""{"n1":["n2"],"n2":["n1","n3"],"n3":["n2"]}"""));

    [Test]
    public void Complete_NodeInTwoComponents_Throws()
        => Assert.Throws<ArgumentException>(() => Grudges.Complete([["n1", "n2"], ["n2", "n3"]]));

    [Test]
    public void Planners_TooFewNodes_Throw()
    {
        Assert.Throws<ArgumentException>(() => Grudges.MajoritiesRing(Nodes(2), new Random(1)));
        Assert.Throws<ArgumentException>(() => Grudges.Bridge(Nodes(2), new Random(1)));
        Assert.Throws<ArgumentException>(() => Grudges.Isolate(Nodes(3), "n9"));
    }

    [Test]
    public void Grudge_SelfDrop_Throws()
        => Assert.Throws<ArgumentException>(() => new Grudge(new Dictionary<string, IReadOnlySet<string>> { ["n1"] = new HashSet<string> { "n1" } }));
}
