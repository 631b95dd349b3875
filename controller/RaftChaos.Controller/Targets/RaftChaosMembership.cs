using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Node.Admin;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Targets;

/// <summary>Our node's Admin service (admin.proto) on one channel, as an <see cref="INodeMembership"/>.</summary>
internal sealed class RaftChaosMembership(NodeAddress address) : INodeMembership
{
    private readonly GrpcChannel _channel = NodeChannels.Create(address);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> MembersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new Admin.AdminClient(_channel).MembersAsync(new MembersRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. reply.Voters.Order(StringComparer.Ordinal)];
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<MembershipChangeResult> ChangeAsync(bool add, string member, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new Admin.AdminClient(_channel);
        var request = new MemberChangeRequest { NodeId = member };
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            var reply = add
                ? await client.AddMemberAsync(request, deadline: deadline, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.RemoveMemberAsync(request, deadline: deadline, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (reply.NotLeader.Length > 0) return new MembershipChangeResult(null, NotLeader: true, Leader: reply.NotLeader == "-" ? null : reply.NotLeader);
            if (reply.Refused.Length > 0) return new MembershipChangeResult(null, Refused: reply.Refused);
            return MembershipChangeResult.Applied([.. reply.Voters.Order(StringComparer.Ordinal)]);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The node may have proposed it: neither done nor refused.
            return new MembershipChangeResult(null, Unknown: $"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
