using System.Text.Json;
using RaftChaos.Cli;
using RaftChaos.Controller.Labels;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Docker;

/// <summary>
/// Issue 7's tiny nightly against the real engine: two short clean runs and one unsafe switch, each a real
/// <c>raftchaos run</c> process, then the summary is checked. About a minute and a half on a warm machine.
/// </summary>
[NonParallelizable]
public sealed class TinyNightlyTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task TinyNightly_TwoCleanRunsAndStaleReads_SummaryShowsValidRunsAndTheCatch(CancellationToken cancellationToken)
    {
        await using var engine = await DockerRequirement.RequireAsync();
        using var store = new TempDirectory();
        var plan = NightlyPlanner.Plan(new NightlyOptions
        {
            Runs = 2,
            TimeLimit = TimeSpan.FromSeconds(15),
            Nodes = [3],
            Workloads = ["register"],
            Nemeses = ["all"],
            Seed = 7,
            Matrix = true,
            MatrixSeeds = 1,
            MatrixBugs = ["stale-reads"],
        });
        var executor = new ProcessRunExecutor(new ProcessRunExecutorOptions
        {
            Command = ProcessRunExecutorOptions.ForAssembly(typeof(CliApplication).Assembly.Location),
        });

        var result = await new NightlySession(executor, new RecordingProgress()).RunAsync(plan, store.Path, cancellationToken);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.SummaryPath, cancellationToken));
        var root = json.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        var why = File.ReadAllText(result.SummaryPath);
        Assert.That(runs, Has.Length.EqualTo(3), why);
        foreach (var run in runs.Take(2))
        {
            Assert.That(run.GetProperty("kind").GetString(), Is.EqualTo("clean"));
            Assert.That(run.GetProperty("valid").ValueKind, Is.EqualTo(JsonValueKind.True), $"{run.GetProperty("name")}: {why}");
            Assert.That(run.GetProperty("ops").GetProperty("ok").GetInt32(), Is.GreaterThan(0));
            Assert.That(File.Exists(Path.Combine(result.Directory, run.GetProperty("report").GetString()!)), "the run's report.html is linked");
        }

        var bug = root.GetProperty("matrix")[0];
        Assert.That(bug.GetProperty("bug").GetString(), Is.EqualTo("stale-reads"));
        Assert.That(bug.GetProperty("seeds").GetArrayLength(), Is.EqualTo(1));
        Assert.That(bug.GetProperty("caught").GetBoolean(), Is.True, why);
        Assert.That(bug.GetProperty("detectedAfterS").GetDouble(), Is.InRange(0, 15 + 30));
        Assert.That(root.GetProperty("exitCode").GetInt32(), Is.Zero, why);
        Assert.That(File.ReadAllText(result.IndexPath), Does.Contain("data-bug=\"stale-reads\""));

        // Every run removed its containers and network: nothing labelled with their run ids is left.
        var reaper = new Reaper(engine);
        foreach (var run in runs)
        {
            var results = Path.Combine(result.Directory, run.GetProperty("path").GetString()!, "results.json");
            using var runResults = JsonDocument.Parse(await File.ReadAllTextAsync(results, cancellationToken));
            var runId = runResults.RootElement.GetProperty("runId").GetString()!;
            var left = await reaper.CountAsync(runId, cancellationToken);
            Assert.That(left.Empty, $"run {runId} left {left}");
        }
    }
}
