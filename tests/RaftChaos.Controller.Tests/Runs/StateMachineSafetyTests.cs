using RaftChaos.Controller.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class StateMachineSafetyTests
{
    // The node's own logfmt line, as `docker logs --timestamps` returns it (copied from a commit-old-term run).
    private static string Conflict(string node, int index, int localTerm, int leaderTerm, string at = "2026-11-26T11:52:17.055108891Z") =>
        $"{at} ts=2026-11-26T11:52:17.054Z level=fatal node={node} event=CommittedEntryConflict index={index} committed={index + 3} local_term={localTerm} leader_term={leaderTerm} msg=\"a leader sent an entry that conflicts with one this node knows to be committed: state-machine safety is broken (only an --unsafe bug allows this)\"";

    [Test]
    public void Check_NoConflictLine_NoViolation()
    {
        var lines = new[]
        {
            "2026-11-26T11:52:17.0Z ts=2026-11-26T11:52:17.054Z level=info node=n1 event=Recovered term=11 vote=1 commit=52 snapshot_index=0 last_index=53",
            "unrelated line index=4 local_term=2 leader_term=3",
        };

        Assert.That(StateMachineSafety.Check(lines), Is.Empty);
    }

    [Test]
    public void Check_ConflictLines_OneFindingPerEntry_AtItsEarliestLine_InTimeOrder()
    {
        var lines = new[]
        {
            Conflict("n1", 15, 19, 18, "2026-11-26T11:52:24.252463521Z"),
            Conflict("n3", 12, 13, 12, "2026-11-26T11:52:20.000000000Z"),
            Conflict("n1", 15, 19, 18, "2026-11-26T11:52:19.772106877Z"), // the leader resent it: same finding, earlier
        };

        var found = StateMachineSafety.Check(lines);

        Assert.That(found.Select(f => (f.Node, f.Index, f.CommittedTerm, f.LeaderTerm)), Is.EqualTo(new[] { ("n1", 15UL, 19UL, 18UL), ("n3", 12UL, 13UL, 12UL) }));
        Assert.That(found[0].At, Is.EqualTo(DateTimeOffset.Parse("2026-11-26T11:52:19.772106877Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(found[0].ToString(), Is.EqualTo("n1 had committed entry 15 of term 19; a leader sent entry 15 of term 18"));
    }

    [Test]
    public void CheckDirectory_ReadsEveryNodeLog_MissingDirectoryIsEmpty()
    {
        var directory = Path.Combine(Path.GetTempPath(), "raftchaos-sms-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "n1.log"), [Conflict("n1", 7, 3, 4)]);
            File.WriteAllLines(Path.Combine(directory, "n2.log"), [Conflict("n2", 7, 3, 4)]);

            Assert.That(StateMachineSafety.CheckDirectory(directory).Select(f => f.Node), Is.EquivalentTo(new[] { "n1", "n2" }));
            Assert.That(StateMachineSafety.CheckDirectory(Path.Combine(directory, "absent")), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
