using RaftChaos.Node.Failpoints;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Node.Tests.Failpoints;

public sealed class CrashAfterVoteTests
{
    private static Message Vote(bool reject) => new() { Type = MessageType.VoteResponse, To = 2, Reject = reject };

    [Test]
    public void ShouldFire_CertainFailpoint_FiresOnAGrantedVoteOnly()
    {
        var failpoint = new CrashAfterVote(1.0, seed: 1);

        Assert.That(failpoint.ShouldFire([Vote(reject: false)]), Is.True);
        Assert.That(failpoint.ShouldFire([Vote(reject: true)]), Is.False, "a refused vote changes nothing durable");
        Assert.That(failpoint.ShouldFire([new Message { Type = MessageType.PreVoteResponse, To = 2 }]), Is.False, "a pre-vote is not a vote");
        Assert.That(failpoint.ShouldFire([new Message { Type = MessageType.AppendResponse, To = 2 }]), Is.False);
        Assert.That(failpoint.ShouldFire([]), Is.False);
    }

    [Test]
    public void ShouldFire_HalfProbability_FiresAboutHalfTheTime_SameSeedSameFlips()
    {
        var a = new CrashAfterVote(0.5, seed: 42);
        var b = new CrashAfterVote(0.5, seed: 42);
        var flipsA = Enumerable.Range(0, 1000).Select(_ => a.ShouldFire([Vote(false)])).ToList();
        var flipsB = Enumerable.Range(0, 1000).Select(_ => b.ShouldFire([Vote(false)])).ToList();

        Assert.That(flipsA.Count(f => f), Is.InRange(430, 570));
        Assert.That(flipsB, Is.EqualTo(flipsA), "the coin flips follow the seed");
    }

    [Test]
    public void ShouldFire_WithArmFile_FiresOnlyWhileTheFileExists()
    {
        var armFile = Path.Combine(Path.GetTempPath(), "raftchaos-armed-" + Guid.NewGuid().ToString("N"));
        var failpoint = new CrashAfterVote(1.0, seed: 1, armFile);

        Assert.That(failpoint.ShouldFire([Vote(reject: false)]), Is.False, "not armed yet");
        File.WriteAllText(armFile, "");
        try
        {
            Assert.That(failpoint.ShouldFire([Vote(reject: false)]), Is.True, "armed");
        }
        finally
        {
            File.Delete(armFile);
        }
        Assert.That(failpoint.ShouldFire([Vote(reject: false)]), Is.False, "disarmed");
    }
}
