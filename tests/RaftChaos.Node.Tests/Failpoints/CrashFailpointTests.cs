using RaftChaos.Node.Client;
using RaftChaos.Node.Failpoints;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Node.Tests.Failpoints;

public sealed class CrashFailpointTests
{
    private static Message Vote(bool reject, ulong term = 3) => new() { Type = MessageType.VoteResponse, To = 2, Term = term, Reject = reject };

    private static CrashFailpoint AfterVote(double p, int seed, string? armFile = null) =>
        new(new FailpointSpec(FailpointSpec.CrashAfterVote, p), seed, armFile);

    private static CrashFailpoint BeforeFirstAppend(double p, int seed) =>
        new(new FailpointSpec(FailpointSpec.CrashBeforeFirstAppend, p), seed);

    [Test]
    public void CrashAfterVote_CertainFailpoint_FiresOnAGrantedVoteOnly()
    {
        var failpoint = AfterVote(1.0, seed: 1);

        Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: false)]), Is.True);
        Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: true)]), Is.False, "a refused vote changes nothing durable");
        Assert.That(failpoint.ShouldCrashAfterVote([new Message { Type = MessageType.PreVoteResponse, To = 2 }]), Is.False, "a pre-vote is not a vote");
        Assert.That(failpoint.ShouldCrashAfterVote([new Message { Type = MessageType.AppendResponse, To = 2 }]), Is.False);
        Assert.That(failpoint.ShouldCrashAfterVote([]), Is.False);
        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: true, term: 2, hasNewEntries: true), Is.False, "another failpoint's place");
    }

    [Test]
    public void CrashAfterVote_HalfProbability_FiresInAboutHalfTheTerms_SameSeedSameFlips()
    {
        var a = AfterVote(0.5, seed: 42);
        var b = AfterVote(0.5, seed: 42);
        var flipsA = Enumerable.Range(1, 1000).Select(t => a.ShouldCrashAfterVote([Vote(false, (ulong)t)])).ToList();
        var flipsB = Enumerable.Range(1, 1000).Select(t => b.ShouldCrashAfterVote([Vote(false, (ulong)t)])).ToList();
        var otherSeed = AfterVote(0.5, seed: 43);
        var flipsC = Enumerable.Range(1, 1000).Select(t => otherSeed.ShouldCrashAfterVote([Vote(false, (ulong)t)])).ToList();

        Assert.That(flipsA.Count(f => f), Is.InRange(430, 570));
        Assert.That(flipsB, Is.EqualTo(flipsA), "the coin flips follow the seed");
        Assert.That(flipsA.Zip(flipsC).Count(p => p.First != p.Second), Is.InRange(430, 570), "a neighbouring seed flips independently");
    }

    [Test]
    public void Flips_DependOnTheTerm_SoANodeStartedAgainDoesNotReplayTheFirstFlips()
    {
        // The supervisor starts a crashed node with the same seed. Were the flips a sequence, the restarted node would
        // replay its first flip at its next leadership and, at P = 0.9, nine nodes in ten would crash every time.
        var firstLife = BeforeFirstAppend(0.5, seed: 5);
        var flipsOfTerms1To20 = Enumerable.Range(1, 20).Select(t => firstLife.ShouldCrashBeforeFirstAppend(true, (ulong)t, true)).ToList();
        var secondLife = BeforeFirstAppend(0.5, seed: 5);
        var flipsOfTerms11To30 = Enumerable.Range(11, 20).Select(t => secondLife.ShouldCrashBeforeFirstAppend(true, (ulong)t, true)).ToList();

        Assert.That(flipsOfTerms11To30.Take(10), Is.EqualTo(flipsOfTerms1To20.Skip(10)), "a term's flip is the same in every life");
        var coins = Enumerable.Range(1, 1000).Select(t => CrashFailpoint.Coin(5, (ulong)t)).ToList();
        Assert.That(coins, Is.All.InRange(0.0, 1.0));
        Assert.That(coins, Is.Unique);
    }

    [Test]
    public void CrashAfterVote_WithArmFile_FiresOnlyWhileTheFileExists()
    {
        var armFile = Path.Combine(Path.GetTempPath(), "raftchaos-armed-" + Guid.NewGuid().ToString("N"));
        var failpoint = AfterVote(1.0, seed: 1, armFile);

        Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: false)]), Is.False, "not armed yet");
        File.WriteAllText(armFile, "");
        try
        {
            Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: false)]), Is.True, "armed");
        }
        finally
        {
            File.Delete(armFile);
        }
        Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: false)]), Is.False, "disarmed");
    }

    [Test]
    public void CrashBeforeFirstAppend_FiresOnlyForALeadersFirstEntries_OncePerTerm()
    {
        var failpoint = BeforeFirstAppend(1.0, seed: 1);

        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: false, term: 3, hasNewEntries: true), Is.False, "a follower's entries came from a leader");
        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: true, term: 3, hasNewEntries: false), Is.False, "nothing new to lose");
        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: true, term: 3, hasNewEntries: true), Is.True, "the first append of term 3");
        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: true, term: 3, hasNewEntries: true), Is.False, "once per term");
        Assert.That(failpoint.ShouldCrashBeforeFirstAppend(leader: true, term: 5, hasNewEntries: true), Is.True, "a new term, a new first append");
        Assert.That(failpoint.ShouldCrashAfterVote([Vote(reject: false)]), Is.False, "another failpoint's place");
    }

    [Test]
    public void CrashBeforeFirstAppend_HalfProbability_SpendsOneFlipPerTerm()
    {
        var failpoint = BeforeFirstAppend(0.5, seed: 7);
        var fired = 0;
        for (ulong term = 1; term <= 1000; term++)
        {
            // Every later Ready of the term passes the place too and must not flip the coin again.
            if (failpoint.ShouldCrashBeforeFirstAppend(true, term, true)) fired++;
            Assert.That(failpoint.ShouldCrashBeforeFirstAppend(true, term, true), Is.False);
        }
        Assert.That(fired, Is.InRange(430, 570));
    }
}
