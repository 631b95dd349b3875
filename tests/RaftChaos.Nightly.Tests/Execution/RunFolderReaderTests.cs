using RaftChaos.Checker.History;
using RaftChaos.Nightly.Execution;
using RaftChaos.Checker.Composition;
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
    public void DetectInNodeLogs_EarliestTimedFinding_RelativeToTheFirstEvent()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RunFolders.InvalidHistory));
        using var reader = new HistoryReader(stream, "history.jsonl");
        var history = OperationHistory.Read(reader);
        Finding[] findings = [new("term 9 had 2 leaders: n1, n3", 7.5), new("n2 had committed entry 15 of term 19; a leader sent entry 15 of term 18", 1.5), new("term 2 had 2 leaders: n2, n3")];

        var detection = RunFolderReader.DetectInNodeLogs(history, findings);

        Assert.That(detection!.DetectedAfterSeconds, Is.EqualTo(1.0).Within(1e-9), "n2's line at 1.5 s, first event at 0.5 s");
        Assert.That(detection.Operation, Is.EqualTo("n2 had committed entry 15 of term 19; a leader sent entry 15 of term 18"));
        Assert.That(detection.Where, Is.EqualTo("the node logs"));
        Assert.That(detection.InNodeLogs, Is.True);
        Assert.That(detection.FailingKey, Is.Null);
        Assert.That(RunFolderReader.DetectInNodeLogs(history, [new Finding("term 2 had 2 leaders: n2, n3")]), Is.Null, "no time recorded: no detection time");
    }

    [Test]
    public async Task ReadAsync_NodeLogFindingEarlierThanTheHistorys_TheFindingIsTheDetection()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "invalid", RunFolders.InvalidHistory);
        File.WriteAllText(Path.Combine(folder, "results.json"), """
            { "verdict": "invalid", "election-safety": { "valid": false, "violations": [ { "text": "term 4 had 2 leaders: n1, n2", "afterSeconds": 1.0 } ] } }
            """);

        var findings = await new RunFolderReader().ReadAsync(folder, CancellationToken.None);

        Assert.That((findings.Detection!.Operation, findings.Detection.DetectedAfterSeconds), Is.EqualTo(("term 4 had 2 leaders: n1, n2", 0.5)));
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
