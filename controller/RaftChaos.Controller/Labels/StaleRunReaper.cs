using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Labels;

/// <summary>
/// Removes runs left by crashed controllers: every run whose containers carry a <see cref="RunOwner"/> of this host
/// that is no longer alive. Runs without an owner label, of other hosts, or of live processes are left alone, because
/// the engine is shared (other users' tests run beside us); <c>raftchaos clean</c> is the way to remove everything.
/// </summary>
public sealed class StaleRunReaper(DockerEngine engine, ILogger? logger = null)
{
    /// <summary>Reaps the stale runs, except <paramref name="exceptRunId"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> ReapAsync(string? exceptRunId, CancellationToken cancellationToken)
    {
        var containers = await engine.RunAsync((client, ct) => client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = RunLabels.Filter(null) }, ct), cancellationToken).ConfigureAwait(false);
        var stale = containers
            .Where(c => c.Labels.TryGetValue(RunLabels.Run, out var run) && run != exceptRunId
                && RunOwner.TryParse(c.Labels.TryGetValue(RunOwner.Label, out var o) ? o : null) is { } owner && owner.IsDeadOnThisHost())
            .Select(c => c.Labels[RunLabels.Run])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var reaper = new Reaper(engine, logger);
        foreach (var runId in stale) await reaper.ReapAsync(runId, cancellationToken).ConfigureAwait(false);
        return stale;
    }
}
