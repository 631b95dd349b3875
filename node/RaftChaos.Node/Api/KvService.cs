using Grpc.Core;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.Raft;
using RaftChaos.Node.StateMachine;
using RaftChaos.Node.Transport;

namespace RaftChaos.Node.Api;

/// <summary>
/// The client API (kv.proto). Every node serves linearizable reads (a follower through the core's ReadIndex,
/// which asks the leader). Followers do not forward writes: they answer <c>not_leader</c> with the leader's id
/// and address. Forwarding would hide from the client whether a refusal happened before or after proposing,
/// and the workload's ok/fail/info classification depends on exactly that.
/// </summary>
internal sealed class KvService(RaftLoop loop, RequestValidator validate, NodeOptions options, PeerContacts contacts, TimeProvider time)
    : Kv.KvBase
{
    public override async Task<ReadReply> Read(ReadRequest request, ServerCallContext context)
    {
        validate.Key(request.Key);
        var outcome = await loop.ReadAsync(request.Key, linearizable: !request.StaleOk, context.CancellationToken).ConfigureAwait(false);
        return Complete(outcome) is { } result
            ? new ReadReply { Found = result.Found, Value = result.Value }
            : new ReadReply { NotLeader = NotLeader(outcome) };
    }

    public override async Task<WriteReply> Write(WriteRequest request, ServerCallContext context)
    {
        validate.Key(request.Key);
        validate.Value(request.Value);
        var outcome = await ProposeAsync(new Command { Kind = CommandKind.Write, Key = request.Key, Value = request.Value }, context).ConfigureAwait(false);
        return Complete(outcome) is not null ? new WriteReply() : new WriteReply { NotLeader = NotLeader(outcome) };
    }

    public override async Task<CasReply> Cas(CasRequest request, ServerCallContext context)
    {
        validate.Key(request.Key);
        validate.Value(request.Value);
        validate.Value(request.Expected, "expected");
        var command = new Command
        {
            Kind = CommandKind.Cas,
            Key = request.Key,
            Value = request.Value,
            ExpectAbsent = request.ExpectAbsent,
            Expected = request.Expected,
        };
        var outcome = await ProposeAsync(command, context).ConfigureAwait(false);
        if (Complete(outcome) is not { } result)
        {
            return new CasReply { NotLeader = NotLeader(outcome) };
        }
        return result.Succeeded
            ? new CasReply { Succeeded = true }
            : new CasReply { Succeeded = false, Found = result.Found, Current = result.Value };
    }

    public override async Task<AppendReply> Append(AppendRequest request, ServerCallContext context)
    {
        validate.Key(request.Key);
        validate.Value(request.Value);
        var outcome = await ProposeAsync(new Command { Kind = CommandKind.Append, Key = request.Key, Value = request.Value }, context).ConfigureAwait(false);
        return Complete(outcome) is { } result ? new AppendReply { Value = result.Value } : new AppendReply { NotLeader = NotLeader(outcome) };
    }

    public override async Task<DeleteReply> Delete(DeleteRequest request, ServerCallContext context)
    {
        validate.Key(request.Key);
        var outcome = await ProposeAsync(new Command { Kind = CommandKind.Delete, Key = request.Key }, context).ConfigureAwait(false);
        return Complete(outcome) is { } result ? new DeleteReply { Existed = result.Found } : new DeleteReply { NotLeader = NotLeader(outcome) };
    }

    public override async Task<StatusReply> Status(StatusRequest request, ServerCallContext context)
    {
        var status = await loop.StatusAsync(context.CancellationToken).ConfigureAwait(false);
        var reply = new StatusReply
        {
            Id = options.Id,
            Role = status.Role,
            Term = status.Term,
            LeaderId = status.LeaderId,
            CommitIndex = status.CommitIndex,
            AppliedIndex = status.AppliedIndex,
            LastLogIndex = status.LastLogIndex,
            // Both clocks are read here, at answer time, so the clock nemesis can compare them with its own.
            WallClockUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            MonotonicMs = (long)time.GetElapsedTime(0).TotalMilliseconds,
        };
        reply.Unsafe.AddRange(options.Unsafe.Order(StringComparer.Ordinal));
        foreach (var peer in options.Peers)
        {
            reply.Peers.Add(peer.Id);
            reply.PeerLastContactMs[peer.Id] = contacts.MillisecondsSince(peer.Id);
        }
        return reply;
    }

    private Task<RequestOutcome> ProposeAsync(Command command, ServerCallContext context) =>
        loop.ProposeAsync(command, context.CancellationToken);

    // Done → the result; NotLeader → null (the caller fills not_leader); Failed → gRPC Aborted (certainly not done);
    // Unavailable → gRPC Unavailable (unknown).
    private static ApplyResult? Complete(RequestOutcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Done => outcome.Result,
        OutcomeKind.NotLeader => null,
        OutcomeKind.Failed => throw new RpcException(new Status(StatusCode.Aborted, outcome.Reason)),
        _ => throw new RpcException(new Status(StatusCode.Unavailable, outcome.Reason)),
    };

    private NotLeader NotLeader(RequestOutcome outcome) => new()
    {
        LeaderId = outcome.LeaderId,
        LeaderAddress = options.Peers.FirstOrDefault(p => p.Id == outcome.LeaderId)?.Address.ToString()
            ?? (outcome.LeaderId == options.Id ? options.Advertise.ToString() : ""),
    };
}
