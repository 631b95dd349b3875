using RaftChaos.Checker.History;
using RaftChaos.Nightly.Execution;
using RaftChaos.Report.Model;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Execution;

public sealed class RunFolderReaderTests
{
    [Test]
    public async Task ReadAsync_InvalidRun_VerdictCountsFailoverAndDetection()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "invalid", RunFolders.InvalidHistory);
        var findings = await new RunFolderReader().ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Problem, Is.Null);
        Assert.That(findings.Verdict, Is.EqualTo(RunVerdict.Invalid));
        Assert.That(findings.Counts, Is.EqualTo(new OperationCounts(2, 0, 1)));
        Assert.That(findings.Failover!.TimeWithoutLeaderSeconds, Is.EqualTo(0.8125).Within(1e-9));
        Assert.That(findings.Failover.KillToNextWriteSeconds, Is.EqualTo(new double?[] { 0.3, null }));
        Assert.That(findings.Detection, Is.Not.Null);
        Assert.That(findings.Detection!.DetectedAfterSeconds, Is.EqualTo(2.0).Within(1e-9), "read completed at 2.5 s, first event at 0.5 s");
        Assert.That(findings.Detection.FailingKey, Is.Null);
        Assert.That(findings.Detection.Operation, Does.Contain("read"));
    }

    [Test]
    public void DetectInNodeLogs_FirstTimedTerm_RelativeToTheFirstEvent()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RunFolders.InvalidHistory));
        using var reader = new HistoryReader(stream, "history.jsonl");
        var history = OperationHistory.Read(reader);
        var check = new ElectionSafetyCheck(false, [new LeaderConflict(9, ["n1", "n3"], 7.5), new LeaderConflict(4, ["n1", "n2"], 3.0), new LeaderConflict(2, ["n2", "n3"])]);

        var detection = RunFolderReader.DetectInNodeLogs(history, check, null);

        Assert.That(detection!.DetectedAfterSeconds, Is.EqualTo(2.5).Within(1e-9), "second leader of term 4 at 3.0 s, first event at 0.5 s");
        Assert.That(detection.Operation, Is.EqualTo("term 4 had 2 leaders: n1, n2"));
        Assert.That(detection.Where, Is.EqualTo("the node logs"));
        Assert.That(detection.FailingKey, Is.Null);
        Assert.That(RunFolderReader.DetectInNodeLogs(history, new ElectionSafetyCheck(false, [new LeaderConflict(2, ["n2", "n3"])]), null), Is.Null,
            "no time recorded: no detection time");
    }

    [Test]
    public void DetectInNodeLogs_ContradictedEntryEarlierThanTwoLeaders_TheEntryIsTheDetection()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RunFolders.InvalidHistory));
        using var reader = new HistoryReader(stream, "history.jsonl");
        var history = OperationHistory.Read(reader);
        var election = new ElectionSafetyCheck(false, [new LeaderConflict(4, ["n1", "n2"], 3.0)]);
        var stateMachine = new StateMachineSafetyCheck(false, [new CommittedEntryConflict("n3", 12, 13, 12, 9.0), new CommittedEntryConflict("n2", 15, 19, 18, 1.5)]);

        var detection = RunFolderReader.DetectInNodeLogs(history, election, stateMachine);

        Assert.That(detection!.DetectedAfterSeconds, Is.EqualTo(1.0).Within(1e-9), "n2's line at 1.5 s, first event at 0.5 s");
        Assert.That(detection.Operation, Is.EqualTo("n2 had committed entry 15 of term 19; a leader sent entry 15 of term 18"));
        Assert.That(detection.InNodeLogs, Is.True);
        Assert.That(RunFolderReader.DetectInNodeLogs(history, null, new StateMachineSafetyCheck(false, [new CommittedEntryConflict("n3", 12, 13, 12)])), Is.Null,
            "no time recorded: no detection time");
    }

    [Test]
    public async Task ReadAsync_ValidRun_NoDetection()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        var findings = await new RunFolderReader().ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.EqualTo(RunVerdict.Valid));
        Assert.That(findings.Counts, Is.EqualTo(new OperationCounts(2, 1, 0)));
        Assert.That(findings.Detection, Is.Null);
    }

    [Test]
    public async Task ReadAsync_MissingResults_ProblemNamesFile()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        File.Delete(Path.Combine(folder, "results.json"));
        var findings = await new RunFolderReader().ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.Null);
        Assert.That(findings.Problem, Does.Contain("results.json: missing"));
    }

    [Test]
    public async Task ReadAsync_MalformedResults_ProblemInsteadOfThrow()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        File.WriteAllText(Path.Combine(folder, "results.json"), "{ nope");
        var findings = await new RunFolderReader().ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.Null);
        Assert.That(findings.Problem, Does.Contain("results.json"));
    }
}
