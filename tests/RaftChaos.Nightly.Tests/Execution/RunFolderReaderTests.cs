using RaftChaos.Checker.History;
using RaftChaos.Nightly.Execution;
using RaftChaos.Runs;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Execution;

public sealed class RunFolderReaderTests
{
    [Test]
    public async Task ReadAsync_InvalidRun_VerdictCountsFailoverAndDetection()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "invalid", RunFolders.InvalidHistory);
        var findings = await RunFolderReader.ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Problem, Is.Null);
        Assert.That(findings.Verdict, Is.EqualTo(RunVerdict.Invalid));
        Assert.That(findings.Counts, Is.EqualTo(new RunCounts(3, 2, 0, 1, 1)));
        Assert.That(findings.Failover!.TimeWithoutLeaderMs, Is.EqualTo(812.5));
        Assert.That(findings.Failover.KillToNextWriteMs.Select(k => k.Ms), Is.EqualTo(new double?[] { 300, null }));
        Assert.That(findings.Detection, Is.Not.Null, "the record's first detection, not a second check of the history");
        Assert.That(findings.Detection!.AfterSeconds, Is.EqualTo(2.0));
        Assert.That(findings.Detection.Check, Is.EqualTo("linearizability"));
        Assert.That(findings.Detection.Text, Does.Contain("read"));
    }

    [Test]
    public async Task ReadAsync_ValidRun_NoDetection()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        var findings = await RunFolderReader.ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.EqualTo(RunVerdict.Valid));
        Assert.That(findings.Counts, Is.EqualTo(new RunCounts(3, 2, 1, 0, 0)));
        Assert.That(findings.Detection, Is.Null);
    }

    [Test]
    public async Task ReadAsync_MissingResults_ProblemNamesFile()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        File.Delete(Path.Combine(folder, "results.json"));
        var findings = await RunFolderReader.ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.Null);
        Assert.That(findings.Problem, Does.Contain("results.json: no such file"));
        Assert.That(findings.Counts, Is.EqualTo(new RunCounts(3, 2, 1, 0, 0)), "a run stopped before its record still has its operations counted");
    }

    [Test]
    public async Task ReadAsync_MalformedResults_ProblemInsteadOfThrow()
    {
        using var dir = new TempDirectory();
        var folder = RunFolders.Write(dir.Path, "valid", RunFolders.ValidHistory);
        File.WriteAllText(Path.Combine(folder, "results.json"), "{ nope");
        var findings = await RunFolderReader.ReadAsync(folder, CancellationToken.None);
        Assert.That(findings.Verdict, Is.Null);
        Assert.That(findings.Problem, Does.Contain("results.json"));
    }
}
