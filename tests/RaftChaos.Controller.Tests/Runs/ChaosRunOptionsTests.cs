using RaftChaos.Controller.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class ChaosRunOptionsTests
{
    [Test]
    public void Validate_KnownFailpointAndBugs_NoError()
    {
        var options = new ChaosRunOptions { Failpoint = "crash-after-vote=0.5", Unsafe = ["forget-vote", "commit-old-term"] };

        Assert.That(options.Validate(), Is.Empty);
    }

    [TestCase("crash-after-vote=0", "--failpoint: 'crash-after-vote=0': give a probability after '=', greater than 0 and at most 1")]
    [TestCase("crash-after-vote=NaN", "greater than 0 and at most 1")]
    [TestCase("crash-before-vote=0.5", "--failpoint: unknown failpoint 'crash-before-vote' (known: crash-after-vote=P, crash-before-first-append=P)")]
    public void Validate_BadFailpoint_SaysWhatTheNodeWouldSay(string failpoint, string expected)
    {
        var errors = new ChaosRunOptions { Failpoint = failpoint }.Validate();

        Assert.That(errors, Has.One.Contains(expected));
    }

    [Test]
    public void Validate_UnknownBug_ListsTheCoresNames()
    {
        var errors = new ChaosRunOptions { Unsafe = ["forget-votes"] }.Validate();

        Assert.That(errors, Has.One.EqualTo("--unsafe: unknown switch 'forget-votes'; one of stale-reads, lease-reads, forget-vote, commit-old-term, ack-before-persist"));
    }
}
