using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Etcd.Api;
using EtcdCluster = RaftChaos.Etcd.Api.Cluster;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Targets;

/// <summary>
/// One etcd member's Maintenance.Status on one channel, as a <see cref="NodeStatus"/>. etcd names members by 64-bit ids;
/// the bed names them n1..nN (etcd's <c>--name</c>), so a leader id is turned into a name through Cluster.MemberList,
/// asked again only when an id is new (a member's name is empty there until it has published itself: then the leader
/// stays unnamed, as if unknown, until the next poll).
/// </summary>
internal sealed class EtcdStatusProbe(string nodeId, NodeAddress address) : INodeStatusProbe
{
    private readonly GrpcChannel _channel = NodeChannels.Create(address);
    private readonly ConcurrentDictionary<ulong, string> _names = new();

    /// <inheritdoc />
    public async Task<NodeStatus?> StatusAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            var reply = await new Maintenance.MaintenanceClient(_channel).StatusAsync(new StatusRequest(), deadline: deadline, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var leader = reply.Leader == 0 ? null : await NameAsync(reply.Leader, deadline, cancellationToken).ConfigureAwait(false);
            return From(nodeId, reply, leader);
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The member's reply in the bed's terms: it leads when the leader it names is itself.</summary>
    public static NodeStatus From(string nodeId, StatusResponse reply, string? leaderName) => new(
        nodeId,
        reply.Leader != 0 && reply.Leader == reply.Header?.MemberId,
        reply.RaftTerm,
        leaderName,
        reply.RaftIndex,
        reply.RaftAppliedIndex);

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private async Task<string?> NameAsync(ulong memberId, DateTime deadline, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(memberId, out var known)) return known;
        var members = await new EtcdCluster.ClusterClient(_channel).MemberListAsync(new MemberListRequest(), deadline: deadline, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        foreach (var member in members.Members.Where(m => m.Name.Length > 0))
        {
            _names[member.ID] = member.Name;
        }
        return _names.TryGetValue(memberId, out var name) ? name : null;
    }
}
