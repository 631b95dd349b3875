using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Targets;

/// <summary>Our node's Status RPC on one channel, as a <see cref="NodeStatus"/>.</summary>
internal sealed class RaftChaosStatusProbe(NodeAddress address) : INodeStatusProbe
{
    private readonly GrpcChannel _channel = NodeChannels.Create(address);

    /// <inheritdoc />
    public async Task<NodeStatus?> StatusAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new Kv.KvClient(_channel).StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return From(reply);
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The node's reply in the bed's terms (an empty leader id is "no leader known").</summary>
    public static NodeStatus From(StatusReply reply) => new(
        reply.Id,
        reply.Role == "leader",
        reply.Term,
        string.IsNullOrEmpty(reply.LeaderId) ? null : reply.LeaderId,
        reply.CommitIndex,
        reply.AppliedIndex,
        reply.WallClockUnixMs,
        reply.MonotonicMs);

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
