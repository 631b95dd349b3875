using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Tests.Units;

public sealed class ProgressTests
{
    [Test]
    public void MaybeDecrTo_InProbe_OnlyTheRejectionOfTheLastProbeCounts()
    {
        var pr = new Progress(10, 4, 0) { Match = 2 };
        Assert.That(pr.MaybeDecrTo(5, 3), Is.False, "stale: we probed at 9");
        Assert.That(pr.MaybeDecrTo(9, 4), Is.True);
        Assert.That(pr.Next, Is.EqualTo(5UL));
        Assert.That(pr.MaybeDecrTo(4, 0), Is.True);
        Assert.That(pr.Next, Is.EqualTo(3UL), "never below Match+1");
    }

    [Test]
    public void MaybeDecrTo_InReplicate_FallsBackToMatchPlusOne()
    {
        var pr = new Progress(5, 4, 0) { Match = 4 };
        pr.BecomeReplicate();
        pr.SentEntries(3, 8, 3);
        Assert.That(pr.MaybeDecrTo(4, 0), Is.False, "at or below Match: stale");
        Assert.That(pr.MaybeDecrTo(6, 5), Is.True);
        Assert.That(pr.Next, Is.EqualTo(5UL));
    }

    [Test]
    public void Probe_PausesAfterOneAppendUntilAnswered()
    {
        var pr = new Progress(5, 4, 0);
        Assert.That(pr.IsPaused, Is.False);
        pr.SentEntries(1, 5, 1);
        Assert.That(pr.IsPaused, Is.True);
        Assert.That(pr.MaybeUpdate(5), Is.True);
        Assert.That(pr.IsPaused, Is.False);
    }

    [Test]
    public void Snapshot_BecomeProbe_ResumesAfterTheSnapshot()
    {
        var pr = new Progress(3, 4, 0) { Match = 1 };
        pr.BecomeSnapshot(20);
        Assert.That(pr.IsPaused, Is.True);
        pr.BecomeProbe();
        Assert.That(pr.Next, Is.EqualTo(21UL));
    }
}
