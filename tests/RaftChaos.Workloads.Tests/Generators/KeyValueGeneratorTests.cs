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

    [Test]
    public void Next_WithAppends_AQuarterAreAppendsOfPiecesUniqueToProcessAndSequence()
    {
        var generator = new KeyValueGenerator(keyCount: 5, mix: OperationMix.WithAppends);
        var random = new Random(4);
        var operations = Enumerable.Range(0, 8000).Select(i => generator.Next(random, new GeneratorContext(i % 7, i / 7))).ToList();
        var appends = operations.Where(op => op.F == "append").ToList();
        var pieces = appends.Select(op => ((RaftChaos.Checker.History.StringValue)op.Value).Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(appends.Count / 8000.0, Is.InRange(0.22, 0.28));
            Assert.That(operations.Select(op => op.F).Distinct(), Is.EquivalentTo(new[] { "read", "write", "cas", "append" }));
            Assert.That(pieces, Is.Unique, "a read shows whose append it saw");
            // No value built of pieces can read back as an integer (NodeValueCodec would decode it as one).
            Assert.That(pieces, Has.All.Matches<string>(p => p.Any(char.IsLetter)));
        });
        Assert.That(pieces[0], Does.Match(@"^a\d+\.\d+;$"));
    }

    [Test]
    public void Next_DefaultMix_NoAppends()
    {
        Assert.That(Simulate(new KeyValueGenerator(keyCount: 5), 4, 4000).Any(op => op.F == "append"), Is.False);
    }

    [TestCase(0, 1.0)]
    [TestCase(5, -1.0)]
    public void Constructor_BadArguments_Throw(int keyCount, double skew)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyValueGenerator(keyCount, skew));
    }
}
