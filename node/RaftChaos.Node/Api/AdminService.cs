using Grpc.Core;
using RaftChaos.Node.Admin;
using RaftChaos.Node.Raft;
using RaftChaos.Raft.Membership;

namespace RaftChaos.Node.Api;

/// <summary>
/// Cluster administration (admin.proto): the voters in force and single-server membership changes. Like writes, a
/// change is proposed only by the leader (a follower names it) and answered once applied; a change refused before
/// proposing is a definite refusal, one whose outcome became unknown is gRPC Unavailable.
/// </summary>
internal sealed class AdminService(RaftLoop loop) : Admin.Admin.AdminBase
{
    public override async Task<MembersReply> Members(MembersRequest request, ServerCallContext context)
    {
        var status = await loop.StatusAsync(context.CancellationToken).ConfigureAwait(false);
        var reply = new MembersReply { LeaderId = status.LeaderId, Term = status.Term };
        reply.Voters.AddRange(status.Voters ?? []);
        return reply;
    }

    public override Task<MemberChangeReply> AddMember(MemberChangeRequest request, ServerCallContext context) =>
        ChangeAsync(MembershipChangeType.AddVoter, request.NodeId, context);

    public override Task<MemberChangeReply> RemoveMember(MemberChangeRequest request, ServerCallContext context) =>
        ChangeAsync(MembershipChangeType.RemoveVoter, request.NodeId, context);

    private async Task<MemberChangeReply> ChangeAsync(MembershipChangeType type, string nodeId, ServerCallContext context)
    {
        var id = loop.IdOf(nodeId ?? "");
        if (id == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"unknown node '{nodeId}': a member must be one of the ids this node was started with (--peers)"));
        }
        var outcome = await loop.ChangeMembershipAsync(new MembershipChange(type, id), context.CancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotLeader:
                return new MemberChangeReply { NotLeader = outcome.LeaderId.Length > 0 ? outcome.LeaderId : "-" };
            case OutcomeKind.Failed:
                return new MemberChangeReply { Refused = outcome.Reason };
            case OutcomeKind.Done:
                var status = await loop.StatusAsync(context.CancellationToken).ConfigureAwait(false);
                var reply = new MemberChangeReply();
                reply.Voters.AddRange(status.Voters ?? []);
                return reply;
            default:
                throw new RpcException(new Status(StatusCode.Unavailable, outcome.Reason));
        }
    }
}
