using RaftChaos.Checker.History;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;
using RaftChaos.TestSupport;

namespace RaftChaos.Workloads.Tests.Clients;

/// <summary>
/// A real refused connection: 127.0.0.1 on a port nobody listens on. Grpc.Net.Client 2.85 reports it as Unavailable
/// with a SocketException (ConnectionRefused) inside, not the HttpRequestException a hand-made test would build.
/// </summary>
public sealed class ClosedPortTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task ExecuteAsync_ClosedPort_WriteAndCasFailRefusedNotInfo(CancellationToken ct)
    {
        using var endpoint = GrpcKvEndpoint.Connect(new NodeAddress("127.0.0.1", LoopbackPorts.Next()), "n1");

        var write = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), ct);

        Assert.That((write.Kind, write.Error), Is.EqualTo((OutcomeKind.Fail, ErrorCode.Refused)), write.Reason);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ExecuteAsync_ClosedPortAgain_ProbeIsRefusedSoTheCasIsNeverSent(CancellationToken ct)
    {
        using var endpoint = GrpcKvEndpoint.Connect(new NodeAddress("127.0.0.1", LoopbackPorts.Next()), "n1");
        await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), ct);

        var cas = await endpoint.ExecuteAsync(WorkloadOperation.Cas("k", 1, 2), ct);

        Assert.That((cas.Kind, cas.Error), Is.EqualTo((OutcomeKind.Fail, ErrorCode.ProbeFailed)), cas.Reason);
    }
}
