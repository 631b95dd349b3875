using RaftChaos.Checker;
using RaftChaos.Controller.Checks;

namespace RaftChaos.Controller.Tests.Checks;

public sealed class StateMachineSafetyCheckTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 26, 11, 52, 0, TimeSpan.Zero);

    // The node's own logfmt line, as `docker logs --timestamps` returns it (copied from a commit-old-term run).
    private static string Conflict(string node, int index, int localTerm, int leaderTerm, string at = "2026-11-26T11:52:17.055108891Z") =>
        $"{at} ts=2026-11-26T11:52:17.054Z level=fatal node={node} event=CommittedEntryConflict index={index} committed={index + 3} local_term={localTerm} leader_term={leaderTerm} msg=\"a leader sent an entry that conflicts with one this node knows to be committed: state-machine safety is broken (only an --unsafe bug allows this)\"";

    [Test]
    public void Check_NoConflictLine_Valid()
    {
        var lines = new[]
        {
            "2026-11-26T11:52:17.0Z ts=2026-11-26T11:52:17.054Z level=info node=n1 event=Recovered term=11 vote=1 commit=52 snapshot_index=0 last_index=53",
            "unrelated line index=4 local_term=2 leader_term=3",
        };

        var outcome = new StateMachineSafetyCheck().Check(lines, Origin);

        Assert.That((outcome.Name, outcome.Verdict, outcome.Findings.Count), Is.EqualTo(("state-machine-safety", Verdict.Valid, 0)));
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

        var outcome = new StateMachineSafetyCheck().Check(lines, Origin);

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Invalid));
        Assert.That(outcome.Findings.Select(f => f.Text), Is.EqualTo(new[]
        {
            "n1 had committed entry 15 of term 19; a leader sent entry 15 of term 18",
            "n3 had committed entry 12 of term 13; a leader sent entry 12 of term 12",
        }));
        Assert.That(outcome.Findings[0].AtSeconds, Is.EqualTo(19.772106877).Within(1e-6));
    }

    [Test]
    public void Check_LinesOfEveryNodeLogInAFolder_MissingFolderIsValid()
    {
        var directory = Path.Combine(Path.GetTempPath(), "raftchaos-sms-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "n1.log"), [Conflict("n1", 7, 3, 4)]);
            File.WriteAllLines(Path.Combine(directory, "n2.log"), [Conflict("n2", 7, 3, 4)]);

            Assert.That(new StateMachineSafetyCheck().Check(NodeLogs.ReadLines(directory), Origin).Findings, Has.Count.EqualTo(2));
            Assert.That(new StateMachineSafetyCheck().Check(NodeLogs.ReadLines(Path.Combine(directory, "absent")), Origin).Verdict, Is.EqualTo(Verdict.Valid));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
