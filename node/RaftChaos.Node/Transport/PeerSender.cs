using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RaftChaos.Node.Client;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Transport;

/// <summary>
/// Sends Raft messages to one peer over a long-lived client stream. A bounded queue sits between the Raft
/// loop and the network: enqueueing never blocks, and when the peer is slow, frozen or gone the queue fills
/// and new messages are dropped (Raft tolerates loss; the leader resends). Reconnects with back-off; a batch
/// whose write failed on a stream that had worked is resent once on a fresh stream first.
/// </summary>
internal sealed class PeerSender : IAsyncDisposable
{
    private readonly string _selfId;
    private readonly PeerSpec _peer;
    private readonly PeerSenderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<RaftMessage> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    /// <summary>The batch being written; kept when the write fails so it can be retried once on a new stream.</summary>
    private PeerBatch? _unsent;
    private long _dropped;
    private int _disposed;

    public PeerSender(string selfId, PeerSpec peer, PeerSenderOptions options, TimeProvider time, ILogger logger)
    {
        _selfId = selfId;
        _peer = peer;
        _options = options;
        _time = time;
        _logger = logger;
        // Wait mode plus TryWrite: a full queue makes TryWrite return false instead of blocking the loop.
        _queue = Channel.CreateBounded<RaftMessage>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The peer this sender talks to.</summary>
    public PeerSpec Peer => _peer;

    /// <summary>Messages dropped because the queue was full or the stream broke.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="message"/>; returns false (and counts a drop) when the queue is full.</summary>
    public bool TrySend(RaftMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Starts the background send loop.</summary>
    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops the send loop. Idempotent: the host calls it from StopAsync and again when it disposes its services.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Stopping: nothing left to do. A write stalled on a peer that stopped reading ends as a cancelled call.
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var channel = NodeChannels.Create(_peer.Address);
        var client = new Peer.PeerClient(channel);
        var backoff = _options.MinBackoff;
        var connected = false;
        // Dial only once there is something to send, so an idle or absent peer costs nothing.
        while (_unsent is not null || await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await StreamAsync(client, () =>
                {
                    if (!connected)
                    {
                        connected = true;
                        backoff = _options.MinBackoff;
                        Log.PeerConnected(_logger, _peer.Id, _peer.Address.ToString());
                    }
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is RpcException or IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                var wasConnected = connected;
                if (connected)
                {
                    connected = false;
                    Log.PeerDisconnected(_logger, _peer.Id, _peer.Address.ToString(), Reason(e));
                }
                if (wasConnected && _unsent is not null)
                {
                    // The stream had worked: it most likely broke while idle (the peer restarted, or a follower-to-
                    // follower stream unused since the last election) and only this write found out. The batch is
                    // typically a vote request or response; losing it costs a whole election timeout, so dial again
                    // at once and resend it. If the new stream fails too, the peer is really down: back off below.
                    continue;
                }
                // What waited during the outage is stale; the leader's next heartbeat or append supersedes it.
                if (_unsent is not null)
                {
                    _unsent = null;
                    Interlocked.Increment(ref _dropped);
                }
                while (_queue.Reader.TryRead(out _))
                {
                    Interlocked.Increment(ref _dropped);
                }
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task StreamAsync(Peer.PeerClient client, Action onWritten, CancellationToken ct)
    {
        // Leaving this method by any exception disposes the call, which aborts the HTTP/2 stream.
        using var call = client.Stream(cancellationToken: ct);
        while (_unsent is not null || await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            var batch = _unsent ?? new PeerBatch { From = _selfId, To = _peer.Id };
            while (batch.Messages.Count < _options.MaxBatchMessages && _queue.Reader.TryRead(out var message))
            {
                batch.Messages.Add(message);
            }
            _unsent = batch;
            // A peer that is frozen or cut off stops reading, and HTTP/2 flow control then stalls the write
            // for good: give up on the stream after WriteTimeout and dial again.
            using var timeout = new CancellationTokenSource(_options.WriteTimeout, _time);
            using var writeCts = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            await call.RequestStream.WriteAsync(batch, writeCts.Token).ConfigureAwait(false);
            _unsent = null;
            onWritten();
        }
    }

    private static string Reason(Exception e) => e switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        OperationCanceledException => "write timed out",
        _ => e.Message,
    };
}
