using RaftChaos.Controller.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class ElectionSafetyTests
{
    // The node's own logfmt line, as `docker logs --timestamps` returns it.
    private static string Leader(string node, int term, string at = "2026-11-26T07:12:10.178629097Z") =>
        $"{at} ts=2026-11-26T07:12:10.178Z level=info node={node} event=RoleChanged role=leader previous_role=candidate term={term} leader={node} msg=\"role changed\"";

    private static string Follower(string node, int term) =>
        $"2026-11-26T07:12:11.000000000Z ts=2026-11-26T07:12:11.000Z level=info node={node} event=RoleChanged role=follower previous_role=leader term={term} leader=\"\" msg=\"role changed\"";

    [Test]
    public void Check_OneLeaderPerTerm_NoViolation()
    {
        var lines = new[] { Leader("n1", 2), Follower("n1", 2), Leader("n2", 3), Leader("n1", 5), Leader("n1", 5) };

        Assert.That(ElectionSafety.Check(lines), Is.Empty);
    }

    [Test]
    public void Check_TwoNodesLeadOneTerm_NamesTheTermAndBoth()
    {
        var lines = new[] { Leader("n3", 4), Leader("n2", 3), "unrelated line term=4 role=leader", Leader("n1", 4) };

        var violations = ElectionSafety.Check(lines);

        Assert.That(violations, Has.Count.EqualTo(1));
        Assert.That(violations[0].Term, Is.EqualTo(4UL));
        Assert.That(violations[0].Leaders, Is.EqualTo(new[] { "n1", "n3" }));
        Assert.That(violations[0].ToString(), Is.EqualTo("term 4 had 2 leaders: n1, n3"));
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

        var violation = ElectionSafety.Check(lines).Single();

        Assert.That(violation.Leaders, Is.EqualTo(new[] { "n1", "n2", "n3" }));
        Assert.That(violation.SecondLeaderAt, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 7, 12, 13, 750, TimeSpan.Zero)));
        Assert.That(ElectionSafety.Check([Leader("n1", 2, "no-timestamp"), Leader("n2", 2)]).Single().SecondLeaderAt, Is.Null,
            "a line without the engine's timestamp leaves the time unknown");
    }

    [Test]
    public void CheckDirectory_ReadsEveryNodeLog_MissingDirectoryIsEmpty()
    {
        var directory = Path.Combine(Path.GetTempPath(), "raftchaos-es-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "n1.log"), [Leader("n1", 7)]);
            File.WriteAllLines(Path.Combine(directory, "n2.log"), [Leader("n2", 7)]);

            Assert.That(ElectionSafety.CheckDirectory(directory).Single().Leaders, Is.EqualTo(new[] { "n1", "n2" }));
            Assert.That(ElectionSafety.CheckDirectory(Path.Combine(directory, "absent")), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
