using Grpc.Net.Client;

namespace RaftChaos.Node.Client;

/// <summary>Creates gRPC channels to nodes. One channel multiplexes many concurrent calls; share it.</summary>
public static class NodeChannels
{
    /// <summary>A channel to <paramref name="address"/> over h2c. The caller disposes it.</summary>
    public static GrpcChannel Create(NodeAddress address, NodeChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new NodeChannelOptions();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            // Many concurrent calls (bench, workloads) must not queue behind one connection's stream limit.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        return GrpcChannel.ForAddress(address.ToUri(), new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
        });
    }

    /// <summary>A channel to <c>host:port</c>; throws <see cref="FormatException"/> for a malformed address.</summary>
    public static GrpcChannel Create(string address, NodeChannelOptions? options = null) =>
        Create(NodeAddress.Parse(address), options);
}
