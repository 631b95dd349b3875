using System.Collections.Concurrent;
using Grpc.Net.Client;
using RaftChaos.Controller.Cluster;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// Our node's own API on a test cluster's nodes (the cluster speaks only the target's terms): the full Status reply
/// (role, peer contacts, clocks) and a KV client, on one channel per node address for the whole test run.
/// </summary>
public static class NodeApi
{
    private static readonly ConcurrentDictionary<Uri, GrpcChannel> Channels = new();

    /// <summary>A client of the node's KV service.</summary>
    public static Kv.KvClient Client(this RaftCluster cluster, string nodeId) =>
        new(Channels.GetOrAdd(cluster[nodeId].ClientAddress, uri => NodeChannels.Create(new NodeAddress(uri.Host, uri.Port))));

    /// <summary>A client of the node's KV service.</summary>
    public static Kv.KvClient Client(this RaftCluster cluster, ClusterNode node) => cluster.Client(node.Id);

    /// <summary>The node's full Status reply (throws <see cref="Grpc.Core.RpcException"/> when it does not answer within 2 s).</summary>
    public static async Task<StatusReply> StatusAsync(this RaftCluster cluster, string nodeId, CancellationToken ct) =>
        await cluster.Client(nodeId).StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);

    /// <summary>The node's full Status reply.</summary>
    public static Task<StatusReply> StatusAsync(this RaftCluster cluster, ClusterNode node, CancellationToken ct) => cluster.StatusAsync(node.Id, ct);

    /// <summary>The leader as a node (or null).</summary>
    public static async Task<ClusterNode?> LeaderNodeAsync(this RaftCluster cluster, CancellationToken ct) =>
        await cluster.LeaderAsync(ct) is { } id ? cluster[id] : null;
}
