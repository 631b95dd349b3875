using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.Raft;

namespace RaftChaos.Node.Transport;

/// <summary>Receives peers' streams and feeds each Raft message to the local loop.</summary>
internal sealed class PeerService(RaftLoop loop, NodeOptions options, PeerContacts contacts, IHostApplicationLifetime lifetime, ILogger<PeerService> logger)
    : Peer.PeerBase
{
    public override async Task<PeerStreamEnd> Stream(IAsyncStreamReader<PeerBatch> requestStream, ServerCallContext context)
    {
        // A peer's stream lasts as long as the peer is up, so the server's graceful shutdown would wait for it until the
        // host's shutdown timeout: a node that stops on a failed fsync took ~5 s to exit. Stopping ends the stream at once.
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var stream = new StreamState();
        try
        {
            await ReceiveAsync(requestStream, context, stream, receiving.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && receiving.IsCancellationRequested))
        {
            // The sender died, was frozen or cut off: its connection broke. It reconnects on its own;
            // the sender's side logs the outage, so this end stays quiet.
        }
        finally
        {
            // The peer's last stream ended (closed or reset): when the peer is our leader its process has most likely
            // died (a partition or a frozen peer closes nothing), so the loop need not wait out an election timeout.
            if (stream.Peer is { } peer && contacts.StreamClosed(peer) == 0 && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                loop.ReportConnectionLost(peer);
            }
        }
        return new PeerStreamEnd();
    }

    /// <summary>Which peer a stream turned out to come from (known after its first valid batch).</summary>
    private sealed class StreamState
    {
        public string? Peer { get; set; }
    }

    private async Task ReceiveAsync(IAsyncStreamReader<PeerBatch> requestStream, ServerCallContext context, StreamState stream, CancellationToken cancellationToken)
    {
        var known = options.Peers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var batch = requestStream.Current;
            if (batch.To != options.Id || !known.Contains(batch.From))
            {
                // A node of another cluster, or one configured with other ids: never feed it to the core.
                Log.PeerBatchRejected(logger, batch.From, batch.To, context.Peer);
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"this is node '{options.Id}' with peers {string.Join(",", known)}; got a batch from '{batch.From}' to '{batch.To}'"));
            }
            contacts.Touch(batch.From);
            if (stream.Peer is null)
            {
                stream.Peer = batch.From;
                contacts.StreamOpened(batch.From);
            }
            var from = loop.IdOf(batch.From);
            var self = loop.IdOf(options.Id);
            foreach (var wire in batch.Messages)
            {
                // A malformed or misaddressed message is dropped like a lost one: Raft copes, the node stays up.
                if (RaftMessageCodec.ToCore(wire) is { } message && message.From == from && message.To == self)
                {
                    loop.Deliver(message);
                }
            }
        }
    }
}
