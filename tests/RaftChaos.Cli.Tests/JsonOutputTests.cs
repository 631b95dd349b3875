using System.Text.Json;

namespace RaftChaos.Cli.Tests;

/// <summary>--json: standard output holds one JSON document and nothing else; the human lines go to standard error.</summary>
public sealed class JsonOutputTests
{
    [Test]
    public async Task Simulate_Json_StdoutIsOneDocumentWithTheOutcome()
    {
        var run = await CliRun.InvokeAsync("simulate", "--seeds", "2", "--seed", "5", "--nodes", "3", "--steps", "50", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid), run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.That(root.GetProperty("verdict").GetString(), Is.EqualTo("valid"));
        Assert.That(root.GetProperty("seeds").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("firstSeed").GetInt32(), Is.EqualTo(5));
        Assert.That(root.GetProperty("operations").GetInt64(), Is.GreaterThan(0));
        Assert.That(run.Error, Does.Contain("OK: every seed safe and linearizable"), "the human lines went to standard error");
    }

    [Test]
    public async Task Simulate_JsonWithABug_ViolationDescribed()
    {
        var run = await CliRun.InvokeAsync("simulate", "--seeds", "40", "--seed", "1", "--nodes", "3", "--steps", "300", "--unsafe", "stale-reads",
            "--out", Path.Combine(Path.GetTempPath(), "raftchaos-cli-json-" + Guid.NewGuid().ToString("N")), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid), run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var violation = document.RootElement.GetProperty("violation");
        Assert.That(violation.GetProperty("replay").GetString(), Does.Contain("--unsafe stale-reads"));
        Assert.That(File.Exists(violation.GetProperty("history").GetString()), "the failing seed's history was written");
    }
}
