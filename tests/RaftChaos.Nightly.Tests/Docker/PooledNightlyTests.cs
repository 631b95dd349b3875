using System.Text.Json;
using RaftChaos.Cli;
using RaftChaos.Cli.Commands;
using RaftChaos.Controller.Labels;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Tests.Support;
using RaftChaos.TestSupport.Docker;

namespace RaftChaos.Nightly.Tests.Docker;

/// <summary>
/// Issue 19: a night over a pool of two real engines on this host (the main one and compose/second-engine.sh's), each a
/// real <c>raftchaos run</c> process with its cluster wholly on its engine; images the second engine lacks are shipped
/// to it through the API by the run itself.
/// </summary>
[NonParallelizable]
public sealed class PooledNightlyTests
{
    [Test]
    [CancelAfter(900_000)]
    public async Task Nightly_TwoRunsOverTwoEngines_BothValidEachEngineRanOne(CancellationToken cancellationToken)
    {
        await using var first = await DockerRequirement.RequireAsync();
        await using var second = await SecondEngine.RequireAsync();
        string[] pool = [first.Endpoint.Name, second.Endpoint.Name];
        using var store = new TempDirectory();
        var plan = NightlyPlanner.Plan(new NightlyOptions
        {
            Runs = 2,
            TimeLimit = TimeSpan.FromSeconds(15),
            Nodes = [3],
            Workloads = ["register"],
            Nemeses = ["partition,kill,pause"],
            Seed = 19,
        });
        var executor = new ProcessRunExecutor(new ProcessRunExecutorOptions
        {
            Command = ProcessRunExecutorOptions.ForAssembly(typeof(CliApplication).Assembly.Location),
        });

        // As raftchaos nightly does with a pool: the images once, before runs start at the same time.
        await NightlyImages.PrepareAsync(plan, TestContext.Progress.WriteLine, cancellationToken);
        var result = await new NightlySession(executor, new RecordingProgress()) { Engines = pool }.RunAsync(plan, store.Path, cancellationToken);

        var why = await File.ReadAllTextAsync(result.SummaryPath, cancellationToken);
        using var json = JsonDocument.Parse(why);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.That(runs, Has.Length.EqualTo(2), why);
        foreach (var run in runs)
        {
            Assert.That(run.GetProperty("valid").ValueKind, Is.EqualTo(JsonValueKind.True), $"{run.GetProperty("name")}: {why}");
            Assert.That(run.GetProperty("ops").GetProperty("ok").GetInt32(), Is.GreaterThan(0));
        }
        Assert.That(runs.Select(r => r.GetProperty("engine").GetString()), Is.EquivalentTo(pool), "each engine ran one run: " + why);
        Assert.That(json.RootElement.GetProperty("exitCode").GetInt32(), Is.Zero, why);

        // Each run removed its containers and network from its own engine.
        foreach (var run in runs)
        {
            var results = Path.Combine(result.Directory, run.GetProperty("path").GetString()!, "results.json");
            using var runResults = JsonDocument.Parse(await File.ReadAllTextAsync(results, cancellationToken));
            var runId = runResults.RootElement.GetProperty("runId").GetString()!;
            var engine = run.GetProperty("engine").GetString() == second.Endpoint.Name ? second : first;
            var left = await new Reaper(engine).CountAsync(runId, cancellationToken);
            Assert.That(left.Empty, $"run {runId} left {left} on {engine.Endpoint}");
        }
    }
}
