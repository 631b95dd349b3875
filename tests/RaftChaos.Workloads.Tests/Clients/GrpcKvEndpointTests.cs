using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Node.Api;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Clients;

public sealed class GrpcKvEndpointTests
{
    private static (GrpcKvEndpoint Endpoint, FakeCallInvoker Invoker) Create(Func<object, CancellationToken, Task<object>> answer)
    {
        var invoker = new FakeCallInvoker(answer);
        return (new GrpcKvEndpoint("n1", new Kv.KvClient(invoker)), invoker);
    }

    [Test]
    public async Task ExecuteAsync_Write_SendsDecimalTextToTheNodeKey()
    {
        var (endpoint, invoker) = Create((_, _) => Task.FromResult<object>(new WriteReply()));

        var outcome = await endpoint.ExecuteAsync(WorkloadOperation.Write("k7", 3), CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Ok));
        var request = (WriteRequest)invoker.Requests.Single();
        Assert.That((request.Key, request.Value.ToStringUtf8()), Is.EqualTo(("k7", "3")));
    }

    [Test]
    public async Task ExecuteAsync_RegisterRead_UsesTheRegisterNodeKeyAndDecodes()
    {
        var (endpoint, invoker) = Create((_, _) => Task.FromResult<object>(new ReadReply { Found = true, Value = ByteString.CopyFromUtf8("4") }));

        var outcome = await endpoint.ExecuteAsync(WorkloadOperation.Read(null), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(OperationOutcome.OkRead(HistoryValue.Of(4))));
        var request = (ReadRequest)invoker.Requests.Single();
        Assert.That(request.Key, Is.EqualTo(WorkloadOperation.RegisterNodeKey));
        Assert.That(request.StaleOk, Is.False, "workload reads are linearizable");
    }

    [Test]
    public async Task ExecuteAsync_CasFromAbsent_SetsExpectAbsent()
    {
        var (endpoint, invoker) = Create((_, _) => Task.FromResult<object>(new CasReply { Succeeded = false }));
        var operation = new WorkloadOperation("cas", "k1", HistoryValue.ListOf(HistoryValue.Null, HistoryValue.Of(2)));

        var outcome = await endpoint.ExecuteAsync(operation, CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Fail));
        var request = (CasRequest)invoker.Requests.Single();
        Assert.That((request.ExpectAbsent, request.Value.ToStringUtf8()), Is.EqualTo((true, "2")));
    }

    [Test]
    public async Task ExecuteAsync_UnavailableAfterSending_InfoForWriteFailForRead()
    {
        var (endpoint, _) = Create((_, _) => Task.FromException<object>(new RpcException(new Status(StatusCode.Unavailable, "leader lost"))));

        Assert.That((await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), CancellationToken.None)).Kind, Is.EqualTo(OutcomeKind.Info));
        Assert.That((await endpoint.ExecuteAsync(WorkloadOperation.Read("k"), CancellationToken.None)).Kind, Is.EqualTo(OutcomeKind.Fail));
    }

    [Test]
    public async Task ExecuteAsync_CancelledWhileWaiting_InfoNotException()
    {
        var (endpoint, _) = Create(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new WriteReply();
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        var outcome = await endpoint.ExecuteAsync(WorkloadOperation.Cas("k", 1, 2), cancel.Token);

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Info));
    }

    [Test]
    public async Task ExecuteAsync_AfterACallWithoutReply_ProbesAndDoesNotSendWhenTheProbeFails()
    {
        var (endpoint, invoker) = Create((_, _) => Task.FromException<object>(new RpcException(new Status(StatusCode.Unavailable, "connection reset"))));

        var first = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), CancellationToken.None);
        var second = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 2), CancellationToken.None);

        Assert.That(first.Kind, Is.EqualTo(OutcomeKind.Info), "the first write was sent: its effect is unknown");
        Assert.That(second.Kind, Is.EqualTo(OutcomeKind.Fail), "the second write was never sent");
        Assert.That(second.Reason, Does.StartWith("not sent: the node did not answer a status probe"));
        Assert.That(invoker.Requests.Select(r => r.GetType().Name), Is.EqualTo(new[] { "WriteRequest", "StatusRequest" }));
        Assert.That(endpoint.Suspect, Is.True);
    }

    [Test]
    public async Task ExecuteAsync_AfterACallWithoutReply_SendsOnceTheProbeIsAnswered()
    {
        var down = true;
        var (endpoint, invoker) = Create((request, _) => request switch
        {
            _ when down => Task.FromException<object>(new RpcException(new Status(StatusCode.Unavailable, "connection reset"))),
            StatusRequest => Task.FromResult<object>(new StatusReply { Id = "n1", Role = "leader" }),
            _ => Task.FromResult<object>(new WriteReply()),
        });
        await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), CancellationToken.None);
        down = false;

        var second = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 2), CancellationToken.None);
        var third = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 3), CancellationToken.None);

        Assert.That((second.Kind, third.Kind), Is.EqualTo((OutcomeKind.Ok, OutcomeKind.Ok)));
        Assert.That(invoker.Requests.Select(r => r.GetType().Name), Is.EqualTo(new[] { "WriteRequest", "StatusRequest", "WriteRequest", "WriteRequest" }),
            "one probe after the failure, none once the node answered");
        Assert.That(endpoint.Suspect, Is.False);
    }

    [Test]
    public async Task ExecuteAsync_NodeRefusal_KeepsTheEndpointTrusted()
    {
        var (endpoint, invoker) = Create((_, _) => Task.FromException<object>(new RpcException(new Status(StatusCode.InvalidArgument, "key too long"))));

        await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), CancellationToken.None);
        await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 2), CancellationToken.None);

        Assert.That(invoker.Requests.OfType<StatusRequest>(), Is.Empty, "a refusal is a reply: no probe");
    }
}
