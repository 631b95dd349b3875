using RaftChaos.Checker;
using RaftChaos.Controller.Checks;

namespace RaftChaos.Controller.Tests.Checks;

public sealed class MembershipSafetyCheckTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);

    // The node's logfmt line as `docker logs --timestamps` returns it.
    private static string InForce(string node, int index, int term, int commit, string voters, int second = 1) =>
        $"2026-12-03T17:00:{second:00}.000000000Z ts=2026-12-03T17:00:{second:00}.000Z level=info node={node} event=ConfigInForce index={index} term={term} commit={commit} voters={voters} msg=\"configuration in force\"";

    private static string Recovered(string node) =>
        $"2026-12-03T17:00:30.000000000Z ts=2026-12-03T17:00:30.000Z level=info node={node} event=Recovered term=1 vote=0 commit=3";

    [Test]
    public void Check_OneChangeAtATimeAppliedAtCommit_Valid()
    {
        var lines = new[]
        {
            InForce("n1", 3, 1, 3, "n1,n2,n3"),
            InForce("n1", 9, 2, 9, "n1,n2"),
            InForce("n1", 14, 2, 14, "n1,n2,n3"),
            InForce("n2", 3, 1, 3, "n1,n2,n3"),
            InForce("n2", 14, 2, 15, "n1,n2,n3"), // caught up two changes in one turn
            Recovered("n3"),
            InForce("n3", 3, 1, 3, "n1,n2,n3"), // wiped and started afresh
        };

        var outcome = new MembershipSafetyCheck().Check(lines, Origin);

        Assert.That((outcome.Name, outcome.Verdict, outcome.Findings.Count), Is.EqualTo(("membership-safety", Verdict.Valid, 0)));
    }

    [Test]
    public void Check_ChangeInForceBeforeTheOneBeforeCommitted_TwoInFlightAndDisjointMajorities()
    {
        var lines = new[]
        {
            InForce("n1", 3, 1, 3, "n1,n2,n3"),
            InForce("n1", 9, 2, 8, "n1,n3", 5),
            InForce("n1", 10, 2, 8, "n1", 6),
        };

        var outcome = new MembershipSafetyCheck().Check(lines, Origin);

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(outcome.Findings.Select(f => f.Text), Is.EqualTo(new[]
        {
            "n1 had the configurations of entry 3 (n1,n2,n3) and entry 10 (n1) live together (commit 8): they have disjoint majorities",
            "n1 put the configuration of entry 10 (n1) in force while the change of entry 9 was uncommitted (commit 8): two membership changes in flight",
        }));
        Assert.That(outcome.Findings[0].AtSeconds, Is.EqualTo(6));
    }

    [Test]
    public void Check_TwoConfigurationsCommittedAtOneIndex_Invalid()
    {
        var lines = new[] { InForce("n1", 9, 2, 9, "n1,n2"), InForce("n3", 9, 3, 9, "n2,n3") };

        var outcome = new MembershipSafetyCheck().Check(lines, Origin);

        Assert.That(outcome.Findings.Select(f => f.Text), Is.EqualTo(new[] { "two configurations committed at index 9: (n1,n2) of term 2 on n1, (n2,n3) of term 3 on n3" }));
    }

    [TestCase("a,b,c", "a", true)]
    [TestCase("a,b,c", "a,b", false)]
    [TestCase("a,b,c", "a,b,c,d", false)]
    [TestCase("a,b,c,d,e", "a,b,c", true)]
    [TestCase("a,b,c", "a,b,d", true)]
    public void HaveDisjointMajorities_Cases(string a, string b, bool disjoint) =>
        Assert.That(MembershipSafetyCheck.HaveDisjointMajorities(a.Split(','), b.Split(',')), Is.EqualTo(disjoint));
}
