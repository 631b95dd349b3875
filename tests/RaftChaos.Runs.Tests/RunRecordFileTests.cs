using RaftChaos.Checker;
using RaftChaos.Checker.History;

namespace RaftChaos.Runs.Tests;

public sealed class RunRecordFileTests
{
    [Test]
    public async Task SaveAsync_ThenLoadAsync_GivesTheSameRecord()
    {
        var folder = Directory.CreateTempSubdirectory("raftchaos-record-").FullName;
        try
        {
            var record = SampleRecords.Invalid();

            await RunRecordFile.SaveAsync(folder, record, CancellationToken.None);
            var loaded = await RunRecordFile.LoadAsync(folder, CancellationToken.None);

            Assert.That(RunRecordFile.ToJson(loaded), Is.EqualTo(RunRecordFile.ToJson(record)), "every field survives the file");
            Assert.That(loaded.Verdict, Is.EqualTo(Verdict.Invalid));
            Assert.That(loaded.Check("election-safety")!.Findings[0].AtSeconds, Is.EqualTo(3.25));
            Assert.That(loaded.Configuration.Unsafe, Is.EqualTo(new[] { "stale-reads" }));
            Assert.That(loaded.ProcessNodes[12], Is.EqualTo("n3"));
            Assert.That(loaded.Failover!.MedianKillToNextWriteMs, Is.EqualTo(640.5));
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "results.json" }), "no temporary file is left");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void ToJson_SpellsTheFileInCamelCaseWithVerdictWords()
    {
        var json = RunRecordFile.ToJson(SampleRecords.Invalid());

        Assert.That(json, Does.Contain("\"testName\": \"register-all\""));
        Assert.That(json, Does.Contain("\"verdict\": \"invalid\""));
        Assert.That(json, Does.Contain("\"schema\": 2"));
        Assert.That(json, Does.Contain("\"timeWithoutLeaderMs\": 1234.5"));
        Assert.That(json, Does.Contain("\"atSeconds\": 3.25"));
        Assert.That(json, Does.Not.Contain("_"), "no snake_case name anywhere");
    }

    [TestCase("{ not json", 1, "not valid JSON")]
    [TestCase("[1, 2]", 1, "must hold a JSON object")]
    [TestCase("{\"testName\": \"x\", \"verdict\": \"valid\"}", 1, "written before schema 2")]
    [TestCase("{\"schema\": 3}", 1, "schema 3")]
    [TestCase("{\n\"schema\": 2,\n\"testName\": \"x\",\n\"verdict\": \"fine\"\n}", 4, "valid, invalid or unknown")]
    [TestCase("{\"schema\": 2, \"testName\": \"x\", \"verdict\": \"valid\"}", 1, "missing required properties")]
    public void Parse_NotARunRecord_SaysWhereAndWhat(string json, int line, string reason)
    {
        var error = Assert.Throws<HistoryFormatException>(() => RunRecordFile.Parse(json, "store/x/results.json"))!;

        Assert.That(error.Message, Does.Contain("store/x/results.json"));
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.Contain(reason));
    }

    [Test]
    public async Task LoadAsync_NoFile_SaysWhichFileIsMissing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "raftchaos-absent-" + Guid.NewGuid().ToString("N"));

        var error = (await Assert.ThrowsAsync<FileNotFoundException>(() => RunRecordFile.LoadAsync(folder, CancellationToken.None)))!;

        Assert.That(error.Message, Does.Contain(Path.Combine(folder, "results.json")));
    }
}
