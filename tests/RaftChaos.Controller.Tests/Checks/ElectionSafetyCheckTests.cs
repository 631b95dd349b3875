using RaftChaos.Checker;
using RaftChaos.Controller.Checks;

namespace RaftChaos.Controller.Tests.Checks;

public sealed class ElectionSafetyCheckTests
{
    // History time 0 on the host's clock; the findings are timed from it.
    private static readonly DateTimeOffset Origin = new(2026, 11, 26, 7, 12, 10, TimeSpan.Zero);

    // The node's own logfmt line, as `docker logs --timestamps` returns it.
    private static string Leader(string node, int term, string at = "2026-11-26T07:12:10.178629097Z") =>
        $"{at} ts=2026-11-26T07:12:10.178Z level=info node={node} event=RoleChanged role=leader previous_role=candidate term={term} leader={node} msg=\"role changed\"";

    private static string Follower(string node, int term) =>
        $"2026-11-26T07:12:11.000000000Z ts=2026-11-26T07:12:11.000Z level=info node={node} event=RoleChanged role=follower previous_role=leader term={term} leader=\"\" msg=\"role changed\"";

    [Test]
    public void Check_OneLeaderPerTerm_Valid()
    {
        var lines = new[] { Leader("n1", 2), Follower("n1", 2), Leader("n2", 3), Leader("n1", 5), Leader("n1", 5) };

        var outcome = new ElectionSafetyCheck().Check(lines, Origin);

        Assert.That((outcome.Name, outcome.Verdict, outcome.Findings.Count), Is.EqualTo(("election-safety", Verdict.Valid, 0)));
    }

    [Test]
    public void Check_TwoNodesLeadOneTerm_InvalidNamingTheTermAndBoth()
    {
        var lines = new[] { Leader("n3", 4), Leader("n2", 3), "unrelated line term=4 role=leader", Leader("n1", 4) };

        var outcome = new ElectionSafetyCheck().Check(lines, Origin);

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(outcome.Findings.Select(f => f.Text), Is.EqualTo(new[] { "term 4 had 2 leaders: n1, n3" }));
    }

    [Test]
    public void Check_TwoLeaders_TimesTheSecondLeadersFirstLineByTheEngineClock()
    {
        var lines = new[]
        {
            Leader("n2", 6, "2026-11-26T07:12:14.500000000Z"),
            Leader("n1", 6, "2026-11-26T07:12:12.250000000Z"),
            Leader("n2", 6, "2026-11-26T07:12:13.750000000Z"), // n2's first line for term 6
            Leader("n3", 6, "2026-11-26T07:12:20.000000000Z"),
        };

        var finding = new ElectionSafetyCheck().Check(lines, Origin).Findings.Single();

        Assert.That(finding.Text, Is.EqualTo("term 6 had 3 leaders: n1, n2, n3"));
        Assert.That(finding.AtSeconds, Is.EqualTo(3.75).Within(1e-9), "n2's first line, 3.75 s after history time 0");
        Assert.That(new ElectionSafetyCheck().Check([Leader("n1", 2, "no-timestamp"), Leader("n2", 2)], Origin).Findings.Single().AtSeconds, Is.Null,
            "a line without the engine's timestamp leaves the time unknown");
    }

    [Test]
    public void Check_LinesOfEveryNodeLogInAFolder_MissingFolderIsValid()
    {
        var directory = Path.Combine(Path.GetTempPath(), "raftchaos-es-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "n1.log"), [Leader("n1", 7)]);
            File.WriteAllLines(Path.Combine(directory, "n2.log"), [Leader("n2", 7)]);

            Assert.That(new ElectionSafetyCheck().Check(NodeLogs.ReadLines(directory), Origin).Findings.Single().Text, Is.EqualTo("term 7 had 2 leaders: n1, n2"));
            Assert.That(new ElectionSafetyCheck().Check(NodeLogs.ReadLines(Path.Combine(directory, "absent")), Origin).Verdict, Is.EqualTo(Verdict.Valid));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
