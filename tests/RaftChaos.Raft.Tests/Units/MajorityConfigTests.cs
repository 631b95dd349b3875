using RaftChaos.Raft.Quorum;

namespace RaftChaos.Raft.Tests.Units;

public sealed class MajorityConfigTests
{
    [TestCase(new ulong[] { 5 }, 5UL)]
    [TestCase(new ulong[] { 5, 3 }, 3UL)]
    [TestCase(new ulong[] { 5, 3, 9 }, 5UL)]
    [TestCase(new ulong[] { 1, 2, 3, 4 }, 2UL)]
    [TestCase(new ulong[] { 7, 7, 1, 1, 7 }, 7UL)]
    public void CommittedIndex_IsTheLargestValueAMajorityReached(ulong[] matches, ulong expected)
    {
        var ids = Enumerable.Range(1, matches.Length).Select(i => (ulong)i).ToArray();
        var config = new MajorityConfig([.. ids]);
        Assert.That(config.CommittedIndex(id => matches[id - 1]), Is.EqualTo(expected));
    }

    [Test]
    public void CommittedIndex_EmptyConfig_IsZero() =>
        Assert.That(new MajorityConfig([]).CommittedIndex(_ => 9), Is.EqualTo(0UL));

    [Test]
    public void Tally_WinsLosesOrWaits()
    {
        var config = new MajorityConfig([1, 2, 3, 4, 5]);
        Assert.That(config.Tally(new Dictionary<ulong, bool> { [1] = true, [2] = true }), Is.EqualTo(VoteResult.Pending));
        Assert.That(config.Tally(new Dictionary<ulong, bool> { [1] = true, [2] = true, [3] = true }), Is.EqualTo(VoteResult.Won));
        Assert.That(config.Tally(new Dictionary<ulong, bool> { [1] = true, [2] = false, [3] = false, [4] = false }), Is.EqualTo(VoteResult.Lost));
        Assert.That(config.Tally(new Dictionary<ulong, bool> { [1] = true, [8] = true, [9] = true }), Is.EqualTo(VoteResult.Pending), "non-voters do not count");
    }
}
