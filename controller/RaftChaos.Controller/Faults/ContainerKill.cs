using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Crash faults: SIGKILL a node's container (the process gets no chance to flush: a power cut for unsynced data),
/// then start the same container again, so its files, name and fixed address stay.
/// </summary>
public sealed class ContainerKill(DockerEngine engine, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Sends SIGKILL and returns once the container has stopped. A stopped container is left as it is.</summary>
    public async Task KillAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        var state = await StateAsync(target, cancellationToken).ConfigureAwait(false);
        if (!state.Running)
        {
            Log.FaultApplied(_logger, "kill", $"{target.NodeId} (already stopped)", null);
            return;
        }
        await engine.RunAsync(async (client, ct) =>
        {
            // The engine refuses to kill a paused container; the frozen process must be thawed to receive the signal.
            if (state.Paused) await client.Containers.UnpauseContainerAsync(target.ContainerId, ct).ConfigureAwait(false);
            await client.Containers.KillContainerAsync(target.ContainerId, new ContainerKillParameters { Signal = "KILL" }, ct).ConfigureAwait(false);
            await client.Containers.WaitContainerAsync(target.ContainerId, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Log.FaultApplied(_logger, "kill", target.NodeId, null);
    }

    /// <summary>Starts the killed container again (no-op when it runs).</summary>
    public async Task StartAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        await engine.RunAsync((client, ct) => client.Containers.StartContainerAsync(target.ContainerId, new ContainerStartParameters(), ct), cancellationToken).ConfigureAwait(false);
        Log.FaultHealed(_logger, "kill", target.NodeId, null);
    }

    /// <summary>The container's state as the engine reports it (running, paused, exit code...).</summary>
    public Task<State> StateAsync(NodeTarget target, CancellationToken cancellationToken)
        => engine.RunAsync<State>(async (client, ct) => (await client.Containers.InspectContainerAsync(target.ContainerId, ct).ConfigureAwait(false)).State ?? throw new InvalidOperationException($"the engine reported no state for container {target.ContainerId}"), cancellationToken);
}
