using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Process pauses: freeze every process of a node's container (docker pause, the cgroup freezer) and thaw it again.
/// The node keeps its sockets and memory and, once resumed, acts on stale beliefs, like after a long GC pause.
/// </summary>
public sealed class ContainerPause(DockerEngine engine, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Freezes the container; a paused or stopped one is left as it is.</summary>
    public async Task PauseAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        var state = await StateAsync(target, cancellationToken).ConfigureAwait(false);
        if (state is { Running: true, Paused: false })
            await engine.RunAsync((client, ct) => client.Containers.PauseContainerAsync(target.ContainerId, ct), cancellationToken).ConfigureAwait(false);
        Log.FaultApplied(_logger, "pause", target.NodeId, null);
    }

    /// <summary>Thaws the container; one that is not paused is left as it is.</summary>
    public async Task ResumeAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        var state = await StateAsync(target, cancellationToken).ConfigureAwait(false);
        if (state.Paused)
            await engine.RunAsync((client, ct) => client.Containers.UnpauseContainerAsync(target.ContainerId, ct), cancellationToken).ConfigureAwait(false);
        Log.FaultHealed(_logger, "pause", target.NodeId, null);
    }

    /// <summary>True when the engine reports the container paused.</summary>
    public async Task<bool> IsPausedAsync(NodeTarget target, CancellationToken cancellationToken)
        => (await StateAsync(target, cancellationToken).ConfigureAwait(false)).Paused;

    private Task<Docker.DotNet.Models.State> StateAsync(NodeTarget target, CancellationToken cancellationToken)
        => engine.RunAsync<Docker.DotNet.Models.State>(async (client, ct) => (await client.Containers.InspectContainerAsync(target.ContainerId, ct).ConfigureAwait(false)).State ?? throw new InvalidOperationException($"the engine reported no state for container {target.ContainerId}"), cancellationToken);
}
