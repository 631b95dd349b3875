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
        (StatusCode Code, Exception? Debug, OutcomeKind Mutating, OutcomeKind Reading, string Why)[] rows =
        [
            (StatusCode.InvalidArgument, null, OutcomeKind.Fail, OutcomeKind.Fail, "validated before proposing"),
            (StatusCode.Unimplemented, null, OutcomeKind.Fail, OutcomeKind.Fail, "no such method"),
            (StatusCode.Unauthenticated, null, OutcomeKind.Fail, OutcomeKind.Fail, "refused before the service"),
            (StatusCode.PermissionDenied, null, OutcomeKind.Fail, OutcomeKind.Fail, "refused before the service"),
            (StatusCode.Unavailable, connectRefused, OutcomeKind.Fail, OutcomeKind.Fail, "never sent"),
            (StatusCode.Unavailable, null, OutcomeKind.Info, OutcomeKind.Fail, "leader lost after proposing"),
            (StatusCode.Unavailable, resetMidCall, OutcomeKind.Info, OutcomeKind.Fail, "connection broken after sending"),
            (StatusCode.DeadlineExceeded, null, OutcomeKind.Info, OutcomeKind.Fail, "deadline"),
            (StatusCode.Cancelled, null, OutcomeKind.Info, OutcomeKind.Fail, "our timeout cancelled it"),
            (StatusCode.Aborted, null, OutcomeKind.Info, OutcomeKind.Fail, "ambiguous"),
            (StatusCode.Internal, null, OutcomeKind.Info, OutcomeKind.Fail, "server bug: unknown"),
            (StatusCode.Unknown, null, OutcomeKind.Info, OutcomeKind.Fail, "unknown"),
            (StatusCode.ResourceExhausted, null, OutcomeKind.Info, OutcomeKind.Fail, "could be either"),
            (StatusCode.FailedPrecondition, null, OutcomeKind.Info, OutcomeKind.Fail, "not used by the node: be safe"),
        ];
        foreach (var row in rows)
        {
            yield return new TestCaseData(row.Code, row.Debug, row.Mutating, row.Reading)
                .SetName($"FromRpcError_{row.Code}{(row.Debug is null ? "" : "_" + ((HttpRequestException)row.Debug).HttpRequestError)}_{row.Mutating}ForWritesAnd{row.Reading}ForReads")
                .SetDescription(row.Why);
        }
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
        });
    }

    [Test]
    public void FromReply_CasPreconditionFalse_FailWithCurrentValue()
    {
        var outcome = OutcomeClassifier.FromReply(new CasReply { Succeeded = false, Found = true, Current = ByteString.CopyFromUtf8("4") });

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(outcome.Reason, Does.Contain("current value 4"));
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
        Assert.That(OutcomeClassifier.Ambiguous(Write, "timeout").Kind, Is.EqualTo(OutcomeKind.Info));
        Assert.That(OutcomeClassifier.Ambiguous(Cas, "timeout").Kind, Is.EqualTo(OutcomeKind.Info));
        Assert.That(OutcomeClassifier.Ambiguous(Read, "timeout").Kind, Is.EqualTo(OutcomeKind.Fail));
    }
}
