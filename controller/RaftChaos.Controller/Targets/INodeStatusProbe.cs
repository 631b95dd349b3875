namespace RaftChaos.Controller.Targets;

/// <summary>
/// Asks one node for its status over a connection the cluster holds for its life (the run polls every node ten times a
/// second: a new connection per call would cost a handshake each time). Disposed with the cluster.
/// </summary>
public interface INodeStatusProbe : IDisposable
{
    /// <summary>The node's view, or null when it does not answer within <paramref name="timeout"/> (not up yet, killed, paused, cut off).</summary>
    Task<NodeStatus?> StatusAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
