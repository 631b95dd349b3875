using System.Net.Sockets;
using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Node.Api;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Clients;

/// <summary>
/// The one table that turns node replies and gRPC errors into ok / fail / info.
/// <list type="bullet">
/// <item><b>ok</b>: the reply says it took effect (a read's value, a write's ack, a cas whose precondition held).</item>
/// <item><b>fail</b>, only when it certainly did not happen: a cas whose precondition was false; a <c>not_leader</c>
/// refusal (the node answers it before proposing anything); <c>InvalidArgument</c>, <c>Unimplemented</c>,
/// <c>Unauthenticated</c>, <c>PermissionDenied</c> (refused before the service ran); <c>Aborted</c>, which the node
/// answers only when it knows the write did not happen (never proposed, or its entry lost to another term's);
/// <c>Unavailable</c> because the connection could not be opened (the request never left this process).</item>
/// <item><b>info</b> for everything else: <c>Unavailable</c> or <c>DeadlineExceeded</c> after sending, a broken
/// connection, a timeout or cancellation, any status we cannot prove harmless. The process is then retired.</item>
/// </list>
/// Reads are the exception to info: a read changes nothing, so an ambiguous read is recorded as <c>fail</c> and its
/// process keeps going (the checker ignores failed and unknown reads alike; retiring the process would only churn ids).
/// Every fail and info carries an <see cref="ErrorCode"/> saying why.
/// </summary>
public static class OutcomeClassifier
{
    /// <summary>The outcome of a read reply.</summary>
    public static OperationOutcome FromReply(ReadReply reply) =>
        reply.NotLeader is { } notLeader
            ? Refusal(notLeader)
            : OperationOutcome.OkRead(reply.Found ? NodeValueCodec.Decode(reply.Value) : HistoryValue.Null);

    /// <summary>The outcome of a write reply.</summary>
    public static OperationOutcome FromReply(WriteReply reply) =>
        reply.NotLeader is { } notLeader ? Refusal(notLeader) : OperationOutcome.Ok();

    /// <summary>The outcome of a cas reply: a false precondition is a definite failure.</summary>
    public static OperationOutcome FromReply(CasReply reply) =>
        reply.NotLeader is { } notLeader ? Refusal(notLeader)
        : reply.Succeeded ? OperationOutcome.Ok()
        : OperationOutcome.Fail($"precondition false: current value {NodeValueCodec.Describe(reply.Found, reply.Current)}", ErrorCode.CasMismatch);

    /// <summary>The outcome of a call that ended with a gRPC error.</summary>
    public static OperationOutcome FromRpcError(WorkloadOperation operation, RpcException error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        var reason = $"{error.StatusCode}: {error.Status.Detail}";
        return error.StatusCode switch
        {
            StatusCode.InvalidArgument => OperationOutcome.Fail(reason, ErrorCode.InvalidArgument),
            StatusCode.Unimplemented or StatusCode.Unauthenticated or StatusCode.PermissionDenied => OperationOutcome.Fail(reason, ErrorCode.Rejected),
            StatusCode.Aborted => OperationOutcome.Fail(reason, ErrorCode.Aborted),
            StatusCode.Unavailable when NeverSent(error) => OperationOutcome.Fail("not sent: " + reason, ErrorCode.Refused),
            StatusCode.Unavailable => Ambiguous(operation, reason, ErrorCode.Unavailable),
            StatusCode.DeadlineExceeded => Ambiguous(operation, reason, ErrorCode.Deadline),
            StatusCode.Cancelled => Ambiguous(operation, reason, ErrorCode.Cancelled),
            StatusCode.NotFound => Ambiguous(operation, reason, ErrorCode.NotFound),
            _ => Ambiguous(operation, reason, ErrorCode.Other),
        };
    }

    /// <summary>True for the statuses a running service answers with (the node replied, so it is reachable).</summary>
    public static bool IsRefusalByTheNode(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode is StatusCode.InvalidArgument or StatusCode.Unimplemented or StatusCode.Unauthenticated
            or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.ResourceExhausted or StatusCode.Aborted;
    }

    /// <summary>
    /// The outcome of an operation whose effect is unknown (timeout, cancellation, broken connection):
    /// <c>info</c>, or <c>fail</c> for a read (see the class remarks).
    /// </summary>
    public static OperationOutcome Ambiguous(WorkloadOperation operation, string reason, ErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        return operation.IsRead ? OperationOutcome.Fail("read ended without an answer, recorded fail (a read has no effect): " + reason, error)
            : OperationOutcome.Info(reason, error);
    }

    // A refused or unresolvable connection means the request was never written to any socket. Errors on a
    // connection that was already open (reset, protocol error, ping timeout) are not proof of that. Grpc.Net.Client
    // 2.85 reports a refused connect as the SocketException itself (ConnectionRefused), possibly wrapped in an
    // HttpRequestException, so the whole chain of inner exceptions is searched.
    private static bool NeverSent(RpcException error)
    {
        for (var cause = error.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                or SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound })
            {
                return true;
            }
        }

        return false;
    }

    // Nothing was proposed: a definite fail, naming the leader when the node knows it (the runner may redirect there).
    private static OperationOutcome Refusal(NotLeader notLeader) => string.IsNullOrEmpty(notLeader.LeaderId)
        ? OperationOutcome.Fail("not leader (no leader known)", ErrorCode.NotLeader)
        : OperationOutcome.Fail($"not leader (leader is {notLeader.LeaderId})", ErrorCode.NotLeader) with { Leader = notLeader.LeaderId };
}
