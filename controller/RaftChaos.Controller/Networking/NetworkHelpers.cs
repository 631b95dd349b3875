using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Labels;

namespace RaftChaos.Controller.Networking;

/// <summary>
/// One helper container per node that shares the node's network namespace (<c>--network container:ID</c>, NET_ADMIN,
/// <c>sleep infinity</c> in the base image, which carries iptables and iproute2), as Pumba does for <c>tc</c>. Network
/// faults are applied and verified by exec in the helper, so a node image needs neither iptables nor NET_ADMIN.
/// </summary>
/// <remarks>
/// A namespace lives as long as the node container runs: a killed and started node gets a new one, and a helper left
/// in the old one sees only its loopback (checked on engine 20.10). <see cref="EnsureAsync"/> therefore compares the
/// node's start time with the one its helper joined and makes a new helper when they differ. Helpers carry the run's
/// labels and the owner label, so the reaper removes them with the run, also after a controller crash.
/// </remarks>
public sealed class NetworkHelpers(DockerEngine engine, string runId, string image, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Helper> _helpers = new(StringComparer.Ordinal);

    /// <summary>A helper container and the start of the node namespace it joined.</summary>
    private sealed record Helper(string ContainerId, string NodeStartedAt);

    /// <summary>The helper image (the base image: iptables, iproute2, ping, nc).</summary>
    public string Image { get; } = image;

    /// <summary>
    /// The id of the helper in the current network namespace of <paramref name="nodeContainerId"/>, made (or made anew
    /// after a restart) when needed; null when the node is not running (no namespace; paused is fine, the namespace is there).
    /// </summary>
    public async Task<string?> EnsureAsync(string nodeId, string nodeContainerId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(nodeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var node = await engine.RunAsync((c, ct) => c.Containers.InspectContainerAsync(nodeContainerId, ct), cancellationToken).ConfigureAwait(false);
            if (node.State is not { Running: true } state) return null;
            if (_helpers.TryGetValue(nodeId, out var helper) && helper.NodeStartedAt == state.StartedAt) return helper.ContainerId;
            if (helper is not null) await RemoveAsync(helper.ContainerId, cancellationToken).ConfigureAwait(false);
            var id = await CreateAsync(nodeId, nodeContainerId, cancellationToken).ConfigureAwait(false);
            _helpers[nodeId] = new Helper(id, state.StartedAt);
            Log.NetworkHelperStarted(_logger, nodeId, helper is null ? "" : " (the node was restarted: new namespace)", null);
            return id;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Removes every helper made here (the reaper would too, by label). Idempotent.</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        var helpers = _helpers.Values.ToList();
        _helpers.Clear();
        await Task.WhenAll(helpers.Select(h => RemoveAsync(h.ContainerId, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<string> CreateAsync(string nodeId, string nodeContainerId, CancellationToken cancellationToken)
    {
        var labels = RunLabels.For(runId).ToDictionary();
        labels[RunOwner.Label] = RunOwner.Current.ToString();
        labels[RunLabels.Role] = RunLabels.NetworkHelperRole;
        labels[RunLabels.Node] = nodeId;
        // A fresh name per helper: the one it replaces may still be on its way out.
        var name = $"raftchaos-{runId}-{nodeId}-net-{Guid.NewGuid().ToString("N")[..6]}";
        return await engine.RunAsync(async (c, ct) =>
        {
            var created = await c.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = Image,
                Name = name,
                Cmd = ["sleep", "infinity"],
                Labels = labels,
                HostConfig = new HostConfig
                {
                    NetworkMode = "container:" + nodeContainerId,
                    CapAdd = ["NET_ADMIN"],
                    // An init as PID 1 reaps the netem delayers a heal kills; under a bare `sleep` they would stay zombies, which pgrep still lists.
                    Init = true,
                },
            }, ct).ConfigureAwait(false);
            await c.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
            return created.ID;
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task RemoveAsync(string containerId, CancellationToken cancellationToken) => engine.RunAsync(async (c, ct) =>
    {
        try
        {
            await c.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Reaped already: that is the goal.
        }
    }, cancellationToken);
}
