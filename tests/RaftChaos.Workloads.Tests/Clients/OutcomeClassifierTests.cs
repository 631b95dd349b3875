using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Node.Api;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests.Clients;

public sealed class OutcomeClassifierTests
{
    private static readonly WorkloadOperation Write = WorkloadOperation.Write("k1", 3);
    private static readonly WorkloadOperation Cas = WorkloadOperation.Cas("k1", 1, 2);
    private static readonly WorkloadOperation Read = WorkloadOperation.Read("k1");

    // The classification table: gRPC status (and how the connection failed) → outcome, for a write, a cas and a read.
    private static IEnumerable<TestCaseData> ErrorTable()
    {
        var connectRefused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        var resetMidCall = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely");
        var refusedSocket = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        (StatusCode Code, Exception? Debug, OutcomeKind Mutating, OutcomeKind Reading, string Why)[] rows =
        [
            (StatusCode.InvalidArgument, null, OutcomeKind.Fail, OutcomeKind.Fail, "validated before proposing"),
            (StatusCode.Unimplemented, null, OutcomeKind.Fail, OutcomeKind.Fail, "no such method"),
            (StatusCode.Unauthenticated, null, OutcomeKind.Fail, OutcomeKind.Fail, "refused before the service"),
            (StatusCode.PermissionDenied, null, OutcomeKind.Fail, OutcomeKind.Fail, "refused before the service"),
            (StatusCode.Unavailable, connectRefused, OutcomeKind.Fail, OutcomeKind.Fail, "never sent"),
            (StatusCode.Unavailable, refusedSocket, OutcomeKind.Fail, OutcomeKind.Fail, "never sent (as Grpc.Net.Client 2.85 reports it)"),
            (StatusCode.Unavailable, null, OutcomeKind.Info, OutcomeKind.Fail, "leader lost after proposing"),
            (StatusCode.Unavailable, resetMidCall, OutcomeKind.Info, OutcomeKind.Fail, "connection broken after sending"),
            (StatusCode.DeadlineExceeded, null, OutcomeKind.Info, OutcomeKind.Fail, "deadline"),
            (StatusCode.Cancelled, null, OutcomeKind.Info, OutcomeKind.Fail, "our timeout cancelled it"),
            (StatusCode.Aborted, null, OutcomeKind.Fail, OutcomeKind.Fail, "the node knows it did not happen"),
            (StatusCode.Internal, null, OutcomeKind.Info, OutcomeKind.Fail, "server bug: unknown"),
            (StatusCode.Unknown, null, OutcomeKind.Info, OutcomeKind.Fail, "unknown"),
            (StatusCode.ResourceExhausted, null, OutcomeKind.Info, OutcomeKind.Fail, "could be either"),
            (StatusCode.FailedPrecondition, null, OutcomeKind.Info, OutcomeKind.Fail, "not used by the node: be safe"),
        ];
        foreach (var row in rows)
        {
            yield return new TestCaseData(row.Code, row.Debug, row.Mutating, row.Reading)
                .SetName($"FromRpcError_{row.Code}{DebugName(row.Debug)}_{row.Mutating}ForWritesAnd{row.Reading}ForReads")
                .SetDescription(row.Why);
        }
    }

    private static string DebugName(Exception? debug) => debug switch
    {
        HttpRequestException http => "_" + http.HttpRequestError,
        System.Net.Sockets.SocketException socket => "_Socket" + socket.SocketErrorCode,
        _ => "",
    };

    // Every status → the reason code the history gets.
    [TestCase(StatusCode.InvalidArgument, "invalid-argument")]
    [TestCase(StatusCode.Unimplemented, "rejected")]
    [TestCase(StatusCode.PermissionDenied, "rejected")]
    [TestCase(StatusCode.Aborted, "aborted")]
    [TestCase(StatusCode.Unavailable, "unavailable")]
    [TestCase(StatusCode.DeadlineExceeded, "deadline")]
    [TestCase(StatusCode.Cancelled, "cancelled")]
    [TestCase(StatusCode.NotFound, "not-found")]
    [TestCase(StatusCode.Internal, "other")]
    public void FromRpcError_EveryStatus_CarriesAnErrorCode(StatusCode code, string expected)
    {
        var error = new RpcException(new Status(code, "detail"));

        Assert.Multiple(() =>
        {
            Assert.That(OutcomeClassifier.FromRpcError(Write, error).Error?.Code, Is.EqualTo(expected), "write");
            Assert.That(OutcomeClassifier.FromRpcError(Read, error).Error?.Code, Is.EqualTo(expected), "read");
        });
    }

    [TestCaseSource(nameof(ErrorTable))]
    public void FromRpcError_Table(StatusCode code, Exception? debug, OutcomeKind mutating, OutcomeKind reading)
    {
        var error = new RpcException(new Status(code, "detail", debug));

        Assert.Multiple(() =>
        {
            Assert.That(OutcomeClassifier.FromRpcError(Write, error).Kind, Is.EqualTo(mutating), "write");
            Assert.That(OutcomeClassifier.FromRpcError(Cas, error).Kind, Is.EqualTo(mutating), "cas");
            Assert.That(OutcomeClassifier.FromRpcError(Read, error).Kind, Is.EqualTo(reading), "read");
        });
    }

    [Test]
    public void FromReply_NotLeaderOnAnyFunction_Fail()
    {
        var notLeader = new NotLeader { LeaderId = "n2" };

        Assert.Multiple(() =>
        {
            Assert.That(OutcomeClassifier.FromReply(new ReadReply { NotLeader = notLeader }).Kind, Is.EqualTo(OutcomeKind.Fail));
            Assert.That(OutcomeClassifier.FromReply(new WriteReply { NotLeader = notLeader }).Kind, Is.EqualTo(OutcomeKind.Fail));
            var cas = OutcomeClassifier.FromReply(new CasReply { NotLeader = notLeader });
            Assert.That(cas.Kind, Is.EqualTo(OutcomeKind.Fail));
            Assert.That(cas.Reason, Does.Contain("leader is n2"));
            Assert.That((cas.Error, cas.Leader), Is.EqualTo((ErrorCode.NotLeader, "n2")), "names the leader to redirect to");
            var noLeader = OutcomeClassifier.FromReply(new WriteReply { NotLeader = new NotLeader() });
            Assert.That((noLeader.Error, noLeader.Leader), Is.EqualTo((ErrorCode.NotLeader, (string?)null)));
        });
    }

    [Test]
    public void FromReply_CasPreconditionFalse_FailWithCurrentValue()
    {
        var outcome = OutcomeClassifier.FromReply(new CasReply { Succeeded = false, Found = true, Current = ByteString.CopyFromUtf8("4") });

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(outcome.Reason, Does.Contain("current value 4"));
        Assert.That(outcome.Error, Is.EqualTo(ErrorCode.CasMismatch));
    }

    [Test]
    public void FromReply_Successes_Ok()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OutcomeClassifier.FromReply(new WriteReply()), Is.EqualTo(OperationOutcome.Ok()));
            Assert.That(OutcomeClassifier.FromReply(new CasReply { Succeeded = true }), Is.EqualTo(OperationOutcome.Ok()));
            Assert.That(OutcomeClassifier.FromReply(new ReadReply { Found = true, Value = ByteString.CopyFromUtf8("2") }),
                Is.EqualTo(OperationOutcome.OkRead(HistoryValue.Of(2))));
            Assert.That(OutcomeClassifier.FromReply(new ReadReply { Found = false }), Is.EqualTo(OperationOutcome.OkRead(HistoryValue.Null)));
        });
    }

    [Test]
    public void Ambiguous_WriteIsInfoReadIsFail()
    {
        Assert.That(OutcomeClassifier.Ambiguous(Write, "timeout", ErrorCode.Deadline).Kind, Is.EqualTo(OutcomeKind.Info));
        Assert.That(OutcomeClassifier.Ambiguous(Cas, "timeout", ErrorCode.Deadline).Kind, Is.EqualTo(OutcomeKind.Info));
        var read = OutcomeClassifier.Ambiguous(Read, "timeout", ErrorCode.Deadline);
        Assert.That((read.Kind, read.Error), Is.EqualTo((OutcomeKind.Fail, ErrorCode.Deadline)));
    }
}
