using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Tests.Units;

public sealed class InflightsTests
{
    [Test]
    public void Add_UpToCapacity_IsFull()
    {
        var inflights = new Inflights(3, 0);
        inflights.Add(1, 10);
        inflights.Add(2, 10);
        Assert.That(inflights.Full, Is.False);
        inflights.Add(3, 10);
        Assert.That((inflights.Full, inflights.Count, inflights.Bytes), Is.EqualTo((true, 3, 30L)));
        Assert.Throws<InvalidOperationException>(() => inflights.Add(4, 1));
    }

    [Test]
    public void FreeLE_FreesEveryMessageEndingAtOrBefore()
    {
        var inflights = new Inflights(10, 0);
        for (ulong i = 1; i <= 8; i++) inflights.Add(i * 2, 1);
        inflights.FreeLE(7);
        Assert.That(inflights.Count, Is.EqualTo(5));
        inflights.FreeFirstOne();
        Assert.That(inflights.Count, Is.EqualTo(4));
        for (ulong i = 20; i < 26; i++) inflights.Add(i, 1); // wraps around the ring
        inflights.FreeLE(22);
        Assert.That(inflights.Count, Is.EqualTo(3));
    }

    [Test]
    public void Full_WhenTheByteBudgetIsUsed()
    {
        var inflights = new Inflights(100, 25);
        inflights.Add(1, 20);
        Assert.That(inflights.Full, Is.False);
        inflights.Add(2, 5);
        Assert.That(inflights.Full, Is.True);
        inflights.FreeLE(1);
        Assert.That(inflights.Full, Is.False);
    }

    [Test]
    public void Add_NonIncreasingIndex_Throws()
    {
        var inflights = new Inflights(4, 0);
        inflights.Add(5, 1);
        Assert.Throws<InvalidOperationException>(() => inflights.Add(5, 1));
    }
}
