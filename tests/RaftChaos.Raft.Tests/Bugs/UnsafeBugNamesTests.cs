namespace RaftChaos.Raft.Tests.Bugs;

public sealed class UnsafeBugNamesTests
{
    [TestCase("stale-reads", UnsafeBug.StaleReads)]
    [TestCase("lease-reads", UnsafeBug.LeaseReads)]
    [TestCase("forget-vote", UnsafeBug.ForgetVote)]
    [TestCase("commit-old-term", UnsafeBug.CommitOldTerm)]
    [TestCase("ack-before-persist", UnsafeBug.AckBeforePersist)]
    [TestCase("none", UnsafeBug.None)]
    [TestCase("", UnsafeBug.None)]
    [TestCase("forget-vote, stale-reads", UnsafeBug.ForgetVote | UnsafeBug.StaleReads)]
    public void Parse_KnownNames_GivesTheFlags(string text, UnsafeBug expected) =>
        Assert.That(UnsafeBugNames.Parse(text), Is.EqualTo(expected));

    [Test]
    public void Parse_UnknownName_ThrowsListingTheValidNames()
    {
        var e = Assert.Throws<FormatException>(() => UnsafeBugNames.Parse("fast-reads"));
        Assert.That(e!.Message, Does.Contain("lease-reads"));
    }

    [Test]
    public void ToName_EveryName_RoundTrips()
    {
        foreach (var name in UnsafeBugNames.All) Assert.That(UnsafeBugNames.Parse(name).ToName(), Is.EqualTo(name));
        Assert.That(UnsafeBugNames.All, Has.Count.EqualTo(7));
    }
}
