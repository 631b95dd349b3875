using RaftChaos.Raft.Log;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Tests.Units;

public sealed class RaftLogTests
{
    private static Entry E(ulong index, ulong term) => new(index, term, EntryType.Normal, new byte[] { (byte)index });

    private static RaftLog LogWithTerms(params ulong[] terms) =>
        RaftLog.Recover(null, [.. terms.Select((t, i) => E((ulong)i + 1, t))]);

    [Test]
    public void FindConflictByTerm_SkipsEntriesOfLargerTerms()
    {
        var log = LogWithTerms(1, 1, 2, 2, 4, 4, 4, 5);
        Assert.That(log.FindConflictByTerm(8, 3), Is.EqualTo((4UL, 2UL)));
        Assert.That(log.FindConflictByTerm(8, 4), Is.EqualTo((7UL, 4UL)));
        Assert.That(log.FindConflictByTerm(20, 9), Is.EqualTo((8UL, 5UL)));
        Assert.That(log.FindConflictByTerm(8, 0), Is.EqualTo((0UL, 0UL)));
    }

    [Test]
    public void MaybeAppend_TruncatesConflictsAndMarksThemUnstable()
    {
        var log = LogWithTerms(1, 1, 1, 1);
        log.CommitTo(2);
        Assert.That(log.MaybeAppend(2, 1, [E(3, 1), E(4, 2), E(5, 2)], out var lastNew), Is.True);
        Assert.That(lastNew, Is.EqualTo(5UL));
        Assert.That(log.UnstableEntries().Select(e => (e.Index, e.Term)), Is.EqualTo(new[] { (4UL, 2UL), (5UL, 2UL) }));
    }

    [Test]
    public void MaybeAppend_MismatchAtPrev_IsRefused()
    {
        var log = LogWithTerms(1, 1, 2);
        Assert.That(log.MaybeAppend(3, 3, [E(4, 3)], out _), Is.False);
        Assert.That(log.LastIndex, Is.EqualTo(3UL));
    }

    [Test]
    public void MaybeAppend_OverwritingACommittedEntry_Throws()
    {
        var log = LogWithTerms(1, 1, 1);
        log.CommitTo(3);
        Assert.Throws<InvalidOperationException>(() => log.MaybeAppend(1, 1, [E(2, 2)], out _));
    }

    [Test]
    public void StableTo_IgnoresAnEntryThatWasReplacedMeanwhile()
    {
        var log = LogWithTerms(1);
        log.Append([E(2, 1), E(3, 1)]);
        log.Append([E(3, 2)]);
        log.StableTo(3, 1);
        Assert.That(log.StableLastIndex, Is.EqualTo(1UL));
        log.StableTo(3, 2);
        Assert.That(log.HasUnstableEntries, Is.False);
    }

    [Test]
    public void Slice_RespectsTheByteLimitButReturnsAtLeastOneEntry()
    {
        var log = LogWithTerms(1, 1, 1, 1);
        Assert.That(log.Slice(1, 4, 2).Count, Is.EqualTo(2));
        Assert.That(log.Slice(1, 4, 0).Count, Is.EqualTo(1));
    }

    [Test]
    public void CompactTo_DropsEntriesAndKeepsTheBoundaryTerm()
    {
        var log = LogWithTerms(1, 2, 3, 4);
        log.CommitTo(4);
        log.AppliedTo(3);
        log.CompactTo(new Snapshot(3, 3, ConfState.Empty, Array.Empty<byte>()));
        Assert.That((log.FirstIndex, log.LastIndex, log.TermOrZero(3), log.TryTerm(2, out _)), Is.EqualTo((4UL, 4UL, 3UL, false)));
    }

    [Test]
    public void IsUpToDate_ComparesLastTermThenLastIndex()
    {
        var log = LogWithTerms(1, 2, 2);
        Assert.That(log.IsUpToDate(1, 3), Is.True);
        Assert.That(log.IsUpToDate(3, 2), Is.True);
        Assert.That(log.IsUpToDate(2, 2), Is.False);
        Assert.That(log.IsUpToDate(9, 1), Is.False);
    }
}
