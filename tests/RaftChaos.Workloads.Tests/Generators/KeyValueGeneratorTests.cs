using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests.Generators;

public sealed class KeyValueGeneratorTests
{
    private static List<WorkloadOperation> Simulate(OperationGenerator generator, int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => generator.Next(random, new GeneratorContext(0, i))).ToList();
    }

    [Test]
    public void Next_SameSeed_SameOperations()
    {
        var generator = new KeyValueGenerator(keyCount: 20);

        Assert.That(Simulate(generator, 9, 1000), Is.EqualTo(Simulate(generator, 9, 1000)));
    }

    [Test]
    public void Next_DefaultSkew_HotKeysSeeContentionAndEveryKeyIsUsed()
    {
        var operations = Simulate(new KeyValueGenerator(keyCount: 10), 3, 20_000);
        var perKey = operations.GroupBy(op => op.Key!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Multiple(() =>
        {
            Assert.That(perKey.Keys, Is.EquivalentTo(Enumerable.Range(0, 10).Select(KeyValueGenerator.KeyName)));
            // Zipf(1) over 10 keys: k0 gets 1/H(10) ≈ 34 %, k9 ≈ 3.4 %.
            Assert.That(perKey["k0"] / 20_000.0, Is.InRange(0.31, 0.37));
            Assert.That(perKey["k9"] / 20_000.0, Is.InRange(0.025, 0.045));
            Assert.That(perKey["k0"], Is.GreaterThan(perKey["k1"]));
        });
    }

    [Test]
    public void Next_SkewZero_KeysUniform()
    {
        var operations = Simulate(new KeyValueGenerator(keyCount: 4, skew: 0), 3, 8000);

        foreach (var group in operations.GroupBy(op => op.Key))
        {
            Assert.That(group.Count(), Is.InRange(1800, 2200), group.Key);
        }
    }

    [Test]
    public void Keys_ListsEveryKeyAndModelIsKv()
    {
        var generator = new KeyValueGenerator(keyCount: 3);

        Assert.That(generator.Keys, Is.EqualTo(new[] { "k0", "k1", "k2" }));
        Assert.That(generator.ModelName, Is.EqualTo("kv"));
    }

    [TestCase(0, 1.0)]
    [TestCase(5, -1.0)]
    public void Constructor_BadArguments_Throw(int keyCount, double skew)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyValueGenerator(keyCount, skew));
    }
}
