using System.Text.Json;
using System.Text.RegularExpressions;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;

namespace RaftChaos.Cli.Tests;

public class CheckCommandTests
{
    private HistoryFiles files = null!;

    [SetUp]
    public void SetUp() => files = new HistoryFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    [Test]
    public async Task Check_ValidHistory_PrintsOneLineAndExits0()
    {
        var path = files.Valid();
        var run = await CliRun.InvokeAsync("check", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid), run.ToString());
        Assert.That(run.Output.Trim(), Does.Match($@"^{Regex.Escape(path)}: valid \(2 ops, 1 keys?, \d+ ms\)$"));
    }

    [Test]
    public async Task Check_StaleRead_ExitsWith1AndNamesTheBlockedRead()
    {
        var run = await CliRun.InvokeAsync("check", "--model", "cas-register", files.StaleRead());
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid), run.ToString());
        Assert.That(run.Output, Does.Contain(": invalid (2 ops"));
        Assert.That(run.Output, Does.Contain("read"), "the counterexample names the read that cannot be linearized");
    }

    [Test]
    public async Task Check_Json_WritesOneObjectPerFile()
    {
        var valid = files.Valid();
        var stale = files.StaleRead();
        var run = await CliRun.InvokeAsync("check", "--json", valid, stale);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid), run.ToString());

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.That(first.RootElement.GetProperty("file").GetString(), Is.EqualTo(valid));
        Assert.That(first.RootElement.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(first.RootElement.GetProperty("ops").GetInt32(), Is.EqualTo(2));
        Assert.That(first.RootElement.GetProperty("keys").GetInt32(), Is.EqualTo(1));
        Assert.That(first.RootElement.GetProperty("ms").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(second.RootElement.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(second.RootElement.GetProperty("failingKeys").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Check_MalformedHistory_Exits65NamingFileAndLine()
    {
        var path = files.Malformed();
        var run = await CliRun.InvokeAsync("check", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError), run.ToString());
        Assert.That(run.Error, Does.StartWith($"{path}:2: "));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Check_MissingFile_Exits66()
    {
        var run = await CliRun.InvokeAsync("check", Path.Combine(files.Directory, "absent.jsonl"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoInput), run.ToString());
        Assert.That(run.Error, Does.Contain("absent.jsonl"));
    }

    [Test]
    public async Task Check_HistoryWithoutClientOperations_ValidWithAWarning()
    {
        var path = files.Write("nemesis-only.jsonl", """{"index":0,"process":"nemesis","type":"info","f":"start-partition","value":null,"time":0}""");
        var run = await CliRun.InvokeAsync("check", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid), run.ToString());
        Assert.That(run.Error, Does.Contain("warning: the history holds no client operations (1 events read); nothing was checked"));
    }

    [Test]
    public async Task Check_HistoryWithOperations_NoWarning()
    {
        var run = await CliRun.InvokeAsync("check", files.Valid());
        Assert.That(run.Error, Does.Not.Contain("warning"));
    }

    [TestCase("check", "--bogus", "x.jsonl")]
    [TestCase("check", "--model", "queue", "x.jsonl")]
    [TestCase("check", "--time-limit", "-1", "x.jsonl")]
    [TestCase("check")]
    [TestCase("no-such-command")]
    [TestCase("kv", "put")]
    public async Task BadFlags_Exit64WithAMessage(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.StartWith("raftchaos"));
    }

    [Test]
    public async Task Check_TimeLimitTooShortForTheHistory_Exits2Unknown()
    {
        // 10,000 operations on one key with a 1 µs budget: the search cannot finish, so the verdict is unknown.
        var events = new RandomHistoryGenerator(seed: 3).Generate(new RandomHistoryOptions { OperationCount = 10_000, KeyCount = 1, ProcessCount = 10 });
        var path = Path.Combine(files.Directory, "long.jsonl");
        using (var writer = HistoryWriter.Create(path))
        {
            foreach (var e in events)
            {
                writer.Write(e);
            }
        }

        var run = await CliRun.InvokeAsync("check", "--time-limit", "0.000001", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Unknown), run.ToString());
        Assert.That(run.Output, Does.Contain(": unknown ("));
    }

    [Test]
    public async Task Check_ConfigurationLimitTooSmall_Exits2AndSaysHowFarTheSearchGot()
    {
        var path = Path.Combine(files.Directory, "long.jsonl");
        using (var writer = HistoryWriter.Create(path))
        {
            foreach (var e in new RandomHistoryGenerator(seed: 3).Generate(new RandomHistoryOptions { OperationCount = 2_000, KeyCount = 1, ProcessCount = 10 }))
            {
                writer.Write(e);
            }
        }

        var text = await CliRun.InvokeAsync("check", "--configuration-limit", "100", path);
        var json = await CliRun.InvokeAsync("check", "--configuration-limit", "100", "--json", path);

        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Unknown), text.ToString());
        Assert.That(text.Output, Does.Contain("undecided (configuration limit of 100 reached); the longest linearizable prefix found has "));
        var undecided = JsonDocument.Parse(json.Output).RootElement.GetProperty("undecided").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(undecided.GetProperty("reason").GetString(), Is.EqualTo("configuration limit of 100 reached"));
            Assert.That(undecided.GetProperty("linearized").GetInt32(), Is.GreaterThan(0).And.EqualTo(undecided.GetProperty("prefix").GetArrayLength()));
        });
    }
}
