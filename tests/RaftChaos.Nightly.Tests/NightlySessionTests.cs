using System.Text.Json;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests;

public sealed class NightlySessionTests
{
    [Test]
    public async Task RunAsync_WritesSummaryAndIndexWithTrendOfEarlierNights()
    {
        using var store = new TempDirectory();
        var time = new FixedTime(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var executor = new FakeRunExecutor((r, _, _) => Outcomes.Expected(r, "/x"));
        var session = new NightlySession(executor, new RecordingProgress(), time);

        var first = await session.RunAsync(Outcomes.Plan(), store.Path, CancellationToken.None);
        var second = await session.RunAsync(Outcomes.Plan(), store.Path, CancellationToken.None);

        Assert.That(Path.GetFileName(first.Directory), Is.EqualTo("2026-11-26"));
        Assert.That(Path.GetFileName(second.Directory), Is.EqualTo("2026-11-26T020000"), "a second night on one day gets the time too");
        Assert.That(first.Summary.ExitCode, Is.Zero);
        using var json = JsonDocument.Parse(File.ReadAllText(second.SummaryPath));
        Assert.That(json.RootElement.GetProperty("runs").GetArrayLength(), Is.EqualTo(Outcomes.Plan().Runs.Count));
        var html = File.ReadAllText(second.IndexPath);
        Assert.That(html, Does.Contain("<tr data-night=\"2026-11-26\">").And.Contain("<tr data-night=\"2026-11-26T020000\">"));
    }

    [Test]
    public async Task RunAsync_Interrupted_StillWritesSummaryOfWhatRan()
    {
        using var store = new TempDirectory();
        using var cts = new CancellationTokenSource();
        var executor = new FakeRunExecutor((r, _, _) =>
        {
            cts.Cancel();
            return Outcomes.For(r, RaftChaos.Nightly.Execution.RunVerdict.Interrupted);
        });
        var result = await new NightlySession(executor, new RecordingProgress()).RunAsync(Outcomes.Plan(), store.Path, cts.Token);
        Assert.That(File.Exists(result.SummaryPath) && File.Exists(result.IndexPath));
        Assert.That(result.Summary.Interrupted);
        Assert.That(result.Summary.ExitCode, Is.EqualTo(1));
        using var json = JsonDocument.Parse(File.ReadAllText(result.SummaryPath));
        Assert.That(json.RootElement.GetProperty("notRun").GetArrayLength(), Is.EqualTo(Outcomes.Plan().Runs.Count - 1));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
