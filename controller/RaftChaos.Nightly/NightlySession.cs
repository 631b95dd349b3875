using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Html;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;

namespace RaftChaos.Nightly;

/// <summary>
/// One night from plan to page: plan, run everything, then write summary.json and index.html (with the trend of the
/// last nights). The files are written even when the night was interrupted, so what ran is never lost.
/// </summary>
public sealed class NightlySession
{
    private readonly IRunExecutor executor;
    private readonly INightlyProgress progress;
    private readonly TimeProvider time;

    /// <summary>Creates a session.</summary>
    public NightlySession(IRunExecutor executor, INightlyProgress progress, TimeProvider? timeProvider = null)
    {
        this.executor = executor;
        this.progress = progress;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The Docker engines of the pool (DOCKER_HOST-style names), one run per engine at a time. Default: empty, the default engine alone.</summary>
    public IReadOnlyList<string> Engines { get; init; } = [];

    /// <summary>Number of nights the trend shows. Default: <see cref="TrendReader.DefaultNights"/>.</summary>
    public int TrendNights { get; init; } = TrendReader.DefaultNights;

    /// <summary>
    /// Runs <paramref name="plan"/> into a new night folder under <paramref name="store"/>. Cancellation stops after the
    /// current run has cleaned up; the summary of what ran is still written (and the token is not passed to the writers).
    /// </summary>
    public async Task<NightlyResult> RunAsync(NightlyPlan plan, string store, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var directory = NightlyStore.CreateNight(store, startedAt);
        var execution = await new NightlyRunner(executor, progress, Engines).RunAsync(plan, directory, cancellationToken).ConfigureAwait(false);
        var summary = SummaryBuilder.Build(Path.GetFileName(directory), startedAt, time.GetUtcNow(), plan, execution, directory);
        return await WriteAsync(summary, store, directory).ConfigureAwait(false);
    }

    /// <summary>Writes summary.json, then index.html with the trend read back from the store (this night included).</summary>
    public async Task<NightlyResult> WriteAsync(NightlySummary summary, string store, string directory)
    {
        // Not cancellable on purpose: after Ctrl-C these few writes are exactly what must still happen.
        var summaryPath = Path.Combine(directory, SummaryJson.FileName);
        await SummaryJson.WriteAsync(summary, summaryPath, CancellationToken.None).ConfigureAwait(false);
        var trend = await TrendReader.ReadAsync(NightlyStore.NightsDirectory(store), TrendNights, CancellationToken.None).ConfigureAwait(false);
        var indexPath = Path.Combine(directory, IndexPage.FileName);
        await IndexPage.WriteAsync(summary, trend, indexPath, CancellationToken.None).ConfigureAwait(false);
        return new NightlyResult(summary, directory, summaryPath, indexPath);
    }
}
