using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Etcd.Client;

/// <summary>
/// The one table that turns etcd 3.4's gRPC errors into ok / fail / info (docs/system-under-test.md, "etcd"). etcd
/// names its errors in the status detail (<c>etcdserver: ...</c>, api/v3rpc/rpctypes/error.go), so the table matches
/// those texts first; whatever etcd did not say goes through our node's transport table
/// (<see cref="OutcomeClassifier.FromRpcError"/>: connection refused is fail, anything after sending is info).
/// <list type="bullet">
/// <item><b>fail</b> only where etcd answers before it proposes anything: <c>no leader</c> (the gRPC interceptor, with the
/// <c>hasleader</c> metadata the endpoint sends), <c>too many requests</c> and <c>database space exceeded</c> (checked in
/// processInternalRaftRequestOnce and the quota guard before Propose), <c>raft proposal dropped</c> (the local raft
/// refused the proposal: no leader known, or a leader transfer in progress), <c>not capable</c> and the learner refusal
/// (interceptor), and <c>InvalidArgument</c> (request checks).</item>
/// <item><b>info</b> for a write after Propose: <c>request timed out</c> (and its "possibly due to ..." variants),
/// <c>leader changed</c>, <c>server stopped</c>, a deadline, a cancellation, a broken connection, anything unknown: the
/// entry may be in the log and applied later.</item>
/// </list>
/// A read (Range) changes nothing, so every error of a read is a <c>fail</c> (as for our node).
/// </summary>
public static class EtcdOutcomeClassifier
{
    /// <summary>etcd's texts that prove nothing was proposed, with the history's error code for each.</summary>
    private static readonly (string Detail, ErrorCode Code)[] Refusals =
    [
        ("etcdserver: no leader", ErrorCode.NotLeader),
        ("etcdserver: too many requests", ErrorCode.Rejected),
        ("etcdserver: mvcc: database space exceeded", ErrorCode.Rejected),
        ("etcdserver: not capable", ErrorCode.Rejected),
        ("etcdserver: rpc not supported for learner", ErrorCode.Rejected),
        ("raft proposal dropped", ErrorCode.Aborted),
    ];

    /// <summary>etcd's texts for a request that may have been proposed, with the history's error code for each.</summary>
    private static readonly (string Detail, ErrorCode Code)[] Doubts =
    [
        ("etcdserver: request timed out", ErrorCode.Deadline),
        ("etcdserver: leader changed", ErrorCode.Unavailable),
        ("etcdserver: server stopped", ErrorCode.Unavailable),
    ];

    /// <summary>The outcome of <paramref name="operation"/> ended by <paramref name="error"/>.</summary>
    public static OperationOutcome FromRpcError(WorkloadOperation operation, RpcException error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Status.Detail ?? "";
        var reason = $"{error.StatusCode}: {detail}";
        foreach (var (text, code) in Refusals)
        {
            // "raft proposal dropped" reaches the client as Unknown with the raft error's text; the others carry their own code.
            if (detail.StartsWith(text, StringComparison.Ordinal))
            {
                return OperationOutcome.Fail(reason, code);
            }
        }

        foreach (var (text, code) in Doubts)
        {
            if (detail.StartsWith(text, StringComparison.Ordinal))
            {
                return OutcomeClassifier.Ambiguous(operation, reason, code);
            }
        }

        // ResourceExhausted from gRPC itself (a message over a size limit) is not etcd's refusal: it may come with a reply.
        return OutcomeClassifier.FromRpcError(operation, error);
    }

    /// <summary>
    /// True when the error came from a running etcd server (its <c>etcdserver:</c> texts, a dropped proposal, or a
    /// status only a running service answers): the member is reachable, so the endpoint need not probe it first.
    /// </summary>
    public static bool IsAnswerFromTheMember(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Status.Detail ?? "";
        return detail.StartsWith("etcdserver:", StringComparison.Ordinal)
            || detail.StartsWith("raft proposal dropped", StringComparison.Ordinal)
            || OutcomeClassifier.IsRefusalByTheNode(error);
    }
}
