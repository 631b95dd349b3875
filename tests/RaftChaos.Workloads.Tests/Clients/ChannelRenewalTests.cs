using Microsoft.AspNetCore.Builder;
using RaftChaos.Checker.History;
using RaftChaos.Node.Client;
using RaftChaos.Node.Hosting;
using RaftChaos.TestSupport;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests.Clients;

/// <summary>
/// An endpoint whose node did not answer a probe gets a fresh channel (<see cref="RenewableChannel"/>), and reaches the
/// node on it once the node answers again: a real node in this process, started on the port that was closed.
/// </summary>
public sealed class ChannelRenewalTests
{
    [Test]
    public void Renew_OnlyTheCurrentChannelAndNotWithinTheInterval()
    {
        using var channel = new RenewableChannel(() => NodeChannels.Create("127.0.0.1:1"), TimeSpan.FromHours(1));
        var first = channel.Current;

        Assert.That(channel.Renew(first), Is.False, "within the interval");
        Assert.That(channel.Current, Is.SameAs(first));
        Assert.That(channel.Renewals, Is.Zero);
    }

    [Test]
    public void Renew_AStaleChannelIsIgnored_SoConcurrentFailuresRenewOnce()
    {
        using var channel = new RenewableChannel(() => NodeChannels.Create("127.0.0.1:1"), TimeSpan.Zero);
        var first = channel.Current;

        Assert.That(channel.Renew(first), Is.True);
        var second = channel.Current;
        Assert.That(channel.Renew(first), Is.False, "a caller that saw the old channel fail does not renew again");

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(channel.Renewals, Is.EqualTo(1));
    }

    [Test]
    public void Dispose_DisposesEveryChannelItMade()
    {
        var made = new List<Grpc.Net.Client.GrpcChannel>();
        var channel = new RenewableChannel(() =>
        {
            var c = NodeChannels.Create("127.0.0.1:1");
            made.Add(c);
            return c;
        }, TimeSpan.Zero);
        channel.Renew(channel.Current);
        channel.Renew(channel.Current);

        channel.Dispose();

        Assert.That(made, Has.Count.EqualTo(3));
        foreach (var c in made)
        {
            Assert.Throws<ObjectDisposedException>(() => c.CreateCallInvoker());
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ExecuteAsync_NodeComesUpAfterFailedProbes_TheRenewedChannelReachesIt(CancellationToken ct)
    {
        var port = LoopbackPorts.Next();
        using var endpoint = GrpcKvEndpoint.Connect(new NodeAddress("127.0.0.1", port), "n1",
            new NodeChannelOptions { MinimumRenewalInterval = TimeSpan.Zero });
        await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 1), ct);
        var unsent = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 2), ct);
        Assert.That((unsent.Kind, unsent.Error), Is.EqualTo((OutcomeKind.Fail, ErrorCode.ProbeFailed)), unsent.Reason);
        Assert.That(endpoint.ChannelRenewals, Is.EqualTo(1), "the probe without an answer renewed the channel");

        var dataDir = Directory.CreateTempSubdirectory("raftchaos-renewal-").FullName;
        var parsed = NodeOptionsParser.Parse(["--listen", $"127.0.0.1:{port}", "--data-dir", dataDir], _ => null);
        await using WebApplication node = NodeHost.Build(parsed.Options!);
        await node.StartAsync(ct);
        try
        {
            OperationOutcome write;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                // A single node elects itself within its election timeout; until then a write is refused, not lost.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                write = await endpoint.ExecuteAsync(WorkloadOperation.Write("k", 3), timeout.Token);
            }
            while (write.Kind != OutcomeKind.Ok && DateTime.UtcNow < deadline && await Delay(ct));

            Assert.That(write.Kind, Is.EqualTo(OutcomeKind.Ok), write.Reason);
        }
        finally
        {
            await node.StopAsync(CancellationToken.None);
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<bool> Delay(CancellationToken ct)
    {
        await Task.Delay(50, ct);
        return true;
    }
}
