using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Labels;

/// <summary>
/// Removes every container and network labelled <c>raftchaos.run</c> (of one run, or of all runs). Called by
/// <c>raftchaos clean</c>, at the start of every run (what a crashed controller left), and at the end of a run.
/// </summary>
public sealed class Reaper(DockerEngine engine, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Force-removes the labelled containers (with their anonymous volumes), then the labelled networks.
    /// <paramref name="runId"/> null means every run: only for <c>raftchaos clean</c>, never while other runs may be live.
    /// </summary>
    public async Task<ReapResult> ReapAsync(string? runId, CancellationToken cancellationToken)
    {
        var containers = await ListContainersAsync(runId, cancellationToken).ConfigureAwait(false);
        // One at a time would cost ~0.3 s per container; a run has few, but `clean` may find many.
        await Task.WhenAll(containers.Select(c => engine.RunAsync(async (client, ct) =>
        {
            try
            {
                // A paused container cannot be killed by "rm -f" on every engine version: unpause first.
                if (c.State == "paused") await client.Containers.UnpauseContainerAsync(c.ID, ct).ConfigureAwait(false);
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                // Gone already (removed by its owner in the meantime): that is the goal.
            }
        }, cancellationToken))).ConfigureAwait(false);

        var networks = await ListNetworksAsync(runId, cancellationToken).ConfigureAwait(false);
        foreach (var n in networks)
        {
            await engine.RunAsync(async (client, ct) =>
            {
                try { await client.Networks.DeleteNetworkAsync(n.ID, ct).ConfigureAwait(false); }
                catch (DockerNetworkNotFoundException) { /* gone already */ }
            }, cancellationToken).ConfigureAwait(false);
        }

        var result = new ReapResult(containers.Count, networks.Count);
        Log.Reaped(_logger, runId ?? "*", result.Containers, result.Networks, null);
        return result;
    }

    /// <summary>How many labelled containers and networks exist (of one run, or of all when null), without removing them.</summary>
    public async Task<ReapResult> CountAsync(string? runId, CancellationToken cancellationToken)
    {
        var containers = await ListContainersAsync(runId, cancellationToken).ConfigureAwait(false);
        var networks = await ListNetworksAsync(runId, cancellationToken).ConfigureAwait(false);
        return new ReapResult(containers.Count, networks.Count);
    }

    private Task<IList<ContainerListResponse>> ListContainersAsync(string? runId, CancellationToken cancellationToken)
        => engine.RunAsync((client, ct) => client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = RunLabels.Filter(runId) }, ct), cancellationToken);

    private Task<IList<NetworkResponse>> ListNetworksAsync(string? runId, CancellationToken cancellationToken)
        => engine.RunAsync((client, ct) => client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = RunLabels.Filter(runId) }, ct), cancellationToken);
}
