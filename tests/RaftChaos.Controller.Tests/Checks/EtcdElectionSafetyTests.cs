using RaftChaos.Checker;
using RaftChaos.Controller.Checks;

namespace RaftChaos.Controller.Tests.Checks;

/// <summary>Election safety on etcd 3.4's zap lines (<see cref="EtcdLeaderLines"/>), as the etcd target lists it.</summary>
public sealed class EtcdElectionSafetyTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 3, 13, 50, 0, TimeSpan.Zero);

    private const string A = "fe74e749e537dea7";
    private const string B = "b79d4c8d39dfbc84";
    private const string C = "cdbd01b0503dcfef";

    // Lines as `docker logs --timestamps` returns etcd's stderr (copied from a run's nodes/*.log, ids kept).
    private static string Line(string msg, string at = "2026-12-03T13:50:11.916865248Z") =>
        $"{at} {{\"level\":\"info\",\"ts\":\"2026-12-03T13:50:11.916Z\",\"caller\":\"raft/node.go:327\",\"msg\":\"{msg}\"}}";

    private static string BecameLeader(string id, int term, string? at = null) => Line($"{id} became leader at term {term}", at ?? "2026-12-03T13:50:11.916865248Z");

    private static string Elected(string self, string leader, int term, string? at = null) =>
        Line($"raft.node: {self} elected leader {leader} at term {term}", at ?? "2026-12-03T13:50:11.916865248Z");

    private static string Changed(string self, string from, string to, int term) => Line($"raft.node: {self} changed leader from {from} to {to} at term {term}");

    private static ElectionSafetyCheck Check() => new(EtcdLeaderLines.TryParse);

    [TestCase("raft.node: fe74e749e537dea7 elected leader b79d4c8d39dfbc84 at term 12", B, 12UL)]
    [TestCase("fe74e749e537dea7 became leader at term 2", A, 2UL)]
    [TestCase("raft.node: fe74e749e537dea7 changed leader from fe74e749e537dea7 to b79d4c8d39dfbc84 at term 12", B, 12UL)]
    public void TryParse_LeaderLines_NameTheLeaderAndTerm(string msg, string leader, ulong term)
    {
        Assert.That(EtcdLeaderLines.TryParse(Line(msg), out var node, out var parsed), Is.True);
        Assert.That((node, parsed), Is.EqualTo((leader, term)));
    }

    [TestCase("raft.node: fe74e749e537dea7 lost leader b79d4c8d39dfbc84 at term 13")]
    [TestCase("fe74e749e537dea7 became candidate at term 13")]
    [TestCase("fe74e749e537dea7 became follower at term 13")]
    [TestCase("fe74e749e537dea7 [logterm: 12, index: 40, vote: 0] cast MsgVote for b79d4c8d39dfbc84 [logterm: 12, index: 41] at term 13")]
    public void TryParse_OtherRaftLines_False(string msg)
    {
        Assert.That(EtcdLeaderLines.TryParse(Line(msg), out _, out _), Is.False);
    }

    [Test]
    public void Check_EveryMemberNamesOneLeaderPerTerm_Valid()
    {
        var lines = new[]
        {
            BecameLeader(A, 2), Elected(A, A, 2), Elected(B, A, 2), Elected(C, A, 2),
            BecameLeader(B, 12), Changed(A, A, B, 12), Elected(C, B, 12),
        };

        var outcome = Check().Check(lines, Origin);

        Assert.That((outcome.Name, outcome.Verdict, outcome.Findings.Count), Is.EqualTo(("election-safety", Verdict.Valid, 0)));
    }

    [Test]
    public void Check_TwoMembersNamedLeaderOfOneTerm_InvalidAtTheSecondClaim()
    {
        var lines = new[]
        {
            BecameLeader(A, 5, "2026-12-03T13:50:03.000000000Z"),
            Elected(C, A, 5, "2026-12-03T13:50:03.100000000Z"),
            // A member that follows another leader in the same term: two leaders in term 5.
            Elected(B, B, 5, "2026-12-03T13:50:04.500000000Z"),
        };

        var outcome = Check().Check(lines, Origin);

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(outcome.Findings.Select(f => f.Text), Is.EqualTo(new[] { $"term 5 had 2 leaders: {B}, {A}" }));
        Assert.That(outcome.Findings[0].AtSeconds, Is.EqualTo(4.5).Within(1e-6));
    }

    [Test]
    public void Check_OurNodesLinesUnderEtcdsParser_Ignored()
    {
        var ours = "2026-12-03T13:50:11.000000000Z ts=2026-12-03T13:50:11.000Z level=info node=n1 event=RoleChanged role=leader term=4 leader=n1";

        Assert.That(Check().Check([ours, ours.Replace("n1", "n2", StringComparison.Ordinal)], Origin).Verdict, Is.EqualTo(Verdict.Valid));
    }
}
