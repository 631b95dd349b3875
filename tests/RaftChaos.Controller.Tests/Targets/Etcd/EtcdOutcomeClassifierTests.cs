using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Etcd.Client;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Controller.Tests.Targets.Etcd;

/// <summary>
/// The etcd table of docs/system-under-test.md, row by row: each status etcd 3.4 answers (code and detail as
/// api/v3rpc/rpctypes/error.go spells them) for a write, a cas and a read.
/// </summary>
public sealed class EtcdOutcomeClassifierTests
{
    private static readonly WorkloadOperation Write = WorkloadOperation.Write(null, 3);
    private static readonly WorkloadOperation Cas = WorkloadOperation.Cas(null, 3, 4);
    private static readonly WorkloadOperation Read = WorkloadOperation.Read(null);

    // (code, detail, outcome of a write, its error code)
    private static readonly object[] Rows =
    [
        new object[] { StatusCode.Unavailable, "etcdserver: no leader", OutcomeKind.Fail, "not-leader" },
        new object[] { StatusCode.ResourceExhausted, "etcdserver: too many requests", OutcomeKind.Fail, "rejected" },
        new object[] { StatusCode.ResourceExhausted, "etcdserver: mvcc: database space exceeded", OutcomeKind.Fail, "rejected" },
        new object[] { StatusCode.Unavailable, "etcdserver: not capable", OutcomeKind.Fail, "rejected" },
        new object[] { StatusCode.Unavailable, "etcdserver: rpc not supported for learner", OutcomeKind.Fail, "rejected" },
        new object[] { StatusCode.Unknown, "raft proposal dropped", OutcomeKind.Fail, "aborted" },
        new object[] { StatusCode.InvalidArgument, "etcdserver: request is too large", OutcomeKind.Fail, "invalid-argument" },
        new object[] { StatusCode.Unavailable, "etcdserver: request timed out", OutcomeKind.Info, "deadline" },
        new object[] { StatusCode.Unavailable, "etcdserver: request timed out, possibly due to previous leader failure", OutcomeKind.Info, "deadline" },
        new object[] { StatusCode.Unavailable, "etcdserver: request timed out, possibly due to connection lost", OutcomeKind.Info, "deadline" },
        new object[] { StatusCode.Unavailable, "etcdserver: leader changed", OutcomeKind.Info, "unavailable" },
        new object[] { StatusCode.Unavailable, "etcdserver: server stopped", OutcomeKind.Info, "unavailable" },
        new object[] { StatusCode.DeadlineExceeded, "context deadline exceeded", OutcomeKind.Info, "deadline" },
        new object[] { StatusCode.Unavailable, "Error connecting to subchannel.", OutcomeKind.Info, "unavailable" },
        new object[] { StatusCode.Cancelled, "Call canceled by the client.", OutcomeKind.Info, "cancelled" },
        // gRPC's own size limit is not etcd's refusal: the reply may have been lost after the write applied.
        new object[] { StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.", OutcomeKind.Info, "other" },
        new object[] { StatusCode.Unknown, "raft: stopped", OutcomeKind.Info, "other" },
    ];

    [TestCaseSource(nameof(Rows))]
    public void FromRpcError_Write_AsTheTableSays(StatusCode code, string detail, OutcomeKind kind, string error)
    {
        var outcome = EtcdOutcomeClassifier.FromRpcError(Write, new RpcException(new Status(code, detail)));

        Assert.That((outcome.Kind, outcome.Error?.Code), Is.EqualTo((kind, error)), outcome.Reason);
    }

    [TestCaseSource(nameof(Rows))]
    public void FromRpcError_Cas_LikeAWrite(StatusCode code, string detail, OutcomeKind kind, string error)
    {
        var outcome = EtcdOutcomeClassifier.FromRpcError(Cas, new RpcException(new Status(code, detail)));

        Assert.That((outcome.Kind, outcome.Error?.Code), Is.EqualTo((kind, error)));
    }

    [TestCaseSource(nameof(Rows))]
    public void FromRpcError_Read_AlwaysFailKeepingTheCode(StatusCode code, string detail, OutcomeKind kind, string error)
    {
        _ = kind;
        var outcome = EtcdOutcomeClassifier.FromRpcError(Read, new RpcException(new Status(code, detail)));

        Assert.That((outcome.Kind, outcome.Error?.Code), Is.EqualTo((OutcomeKind.Fail, error)), "a read changes nothing");
    }

    [Test]
    public void FromRpcError_ConnectionRefused_FailNotSent()
    {
        var refused = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.",
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")));

        var outcome = EtcdOutcomeClassifier.FromRpcError(Write, refused);

        Assert.That((outcome.Kind, outcome.Error), Is.EqualTo((OutcomeKind.Fail, ErrorCode.Refused)));
    }

    [TestCase(StatusCode.Unavailable, "etcdserver: request timed out", true)]
    [TestCase(StatusCode.Unavailable, "etcdserver: no leader", true)]
    [TestCase(StatusCode.Unknown, "raft proposal dropped", true)]
    [TestCase(StatusCode.Unavailable, "Error connecting to subchannel.", false)]
    [TestCase(StatusCode.DeadlineExceeded, "Deadline Exceeded", false)]
    public void IsAnswerFromTheMember_EtcdsOwnTextsOnly(StatusCode code, string detail, bool answered)
    {
        Assert.That(EtcdOutcomeClassifier.IsAnswerFromTheMember(new RpcException(new Status(code, detail))), Is.EqualTo(answered));
    }
}
