using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Node.Client;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.Transport;

namespace RaftChaos.Node.Tests.Transport;

/// <summary>
/// The sender against a fake peer in this process. TrySend runs the send inline when the stream is idle
/// (synchronous channel continuations), so these pin down that it still delivers everything in order and that
/// a peer which stops reading never holds up the caller.
/// </summary>
[NonParallelizable]
public class PeerSenderTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task TrySend_IdleStreamEachTime_DeliversEveryMessageInOrder(CancellationToken ct)
    {
        var peer = new FakePeer(read: true);
        await using var server = await FakePeerServer.StartAsync(peer, ct);
        await using var sender = NewSender(server.Port, new PeerSenderOptions());
        sender.Start();

        // One at a time, each after the previous arrived: every send after the first finds the stream idle.
        for (ulong i = 1; i <= 20; i++)
        {
            Assert.That(sender.TrySend(new RaftMessage { Type = 7, From = 1, To = 2, Index = i }), Is.True);
            var got = await peer.Received.Reader.ReadAsync(ct);
            Assert.That(got.Index, Is.EqualTo(i));
        }
        Assert.That(sender.Dropped, Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TrySend_PeerStopsReading_NeverBlocksTheCaller_AndDropsWhenFull(CancellationToken ct)
    {
        var peer = new FakePeer(read: false);
        await using var server = await FakePeerServer.StartAsync(peer, ct);
        // A long write timeout keeps the stalled stream open for the whole test: the stall must be absorbed by
        // the queue, not by the caller.
        var options = new PeerSenderOptions { QueueCapacity = 8, MaxBatchMessages = 2, WriteTimeout = TimeSpan.FromMinutes(1) };
        await using var sender = NewSender(server.Port, options);
        sender.Start();
        var payload = UnsafeByteOperations.UnsafeWrap(new byte[256 * 1024]);

        // 400 x 256 KiB is far beyond HTTP/2 flow-control windows (a few MiB), so writes stall early on.
        var slowest = TimeSpan.Zero;
        for (ulong i = 1; i <= 400; i++)
        {
            var message = new RaftMessage { Type = 0, From = 1, To = 2, Index = i };
            message.Entries.Add(new RaftEntry { Index = i, Term = 1, Data = payload });
            var clock = Stopwatch.StartNew();
            sender.TrySend(message);
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            if (i % 20 == 0)
            {
                await Task.Delay(10, ct); // let in-flight writes progress until they stall
            }
        }

        // Serializing 256 KiB inline takes well under a millisecond; a blocked call would take the whole test.
        Assert.That(slowest, Is.LessThan(TimeSpan.FromMilliseconds(500)), "TrySend blocked");
        Assert.That(sender.Dropped, Is.GreaterThan(0), "the stalled peer's queue never filled");
    }

    private static PeerSender NewSender(int port, PeerSenderOptions options) =>
        new("n1", new PeerSpec("n2", NodeAddress.Parse($"127.0.0.1:{port}")), options, TimeProvider.System, NullLogger.Instance);

    /// <summary>A peer that hands every message it reads to <see cref="Received"/>, or never reads at all.</summary>
    private sealed class FakePeer(bool read) : Peer.PeerBase
    {
        public Channel<RaftMessage> Received { get; } = Channel.CreateUnbounded<RaftMessage>();

        public override async Task<PeerStreamEnd> Stream(IAsyncStreamReader<PeerBatch> requestStream, ServerCallContext context)
        {
            try
            {
                if (!read)
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                while (await requestStream.MoveNext(context.CancellationToken))
                {
                    foreach (var message in requestStream.Current.Messages)
                    {
                        Received.Writer.TryWrite(message);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The sender went away (end of test).
            }
            return new PeerStreamEnd();
        }
    }

    private sealed class FakePeerServer(WebApplication app, int port) : IAsyncDisposable
    {
        public int Port => port;

        public static async Task<FakePeerServer> StartAsync(FakePeer peer, CancellationToken ct)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
            builder.Services.AddSingleton(peer);
            var app = builder.Build();
            app.MapGrpcService<FakePeer>();
            await app.StartAsync(ct);
            return new FakePeerServer(app, port);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
