using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Planning;

public sealed class SeedSequenceTests
{
    // Golden values: a night replayed with a later .NET must get the same run seeds.
    [TestCase(42L, "clean", 0, 876098698L)]
    [TestCase(42L, "clean", 1, 560129889L)]
    [TestCase(42L, "stale-reads", 0, 979859431L)]
    public void Derive_KnownInputs_StableOutputs(long seed, string stream, int index, long expected) =>
        Assert.That(SeedSequence.Derive(seed, stream, index), Is.EqualTo(expected));

    [Test]
    public void Derive_StreamsDiffer() =>
        Assert.That(SeedSequence.Derive(1, "clean", 0), Is.Not.EqualTo(SeedSequence.Derive(1, "forget-vote", 0)));
}
