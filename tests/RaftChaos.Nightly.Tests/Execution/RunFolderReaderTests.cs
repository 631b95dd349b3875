using RaftChaos.Nightly.Execution;
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
