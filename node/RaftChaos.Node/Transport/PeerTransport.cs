using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Transport;

/// <summary>One <see cref="PeerSender"/> per peer; the Raft loop hands it messages addressed by peer id.</summary>
internal sealed class PeerTransport : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, PeerSender> _senders;

    public PeerTransport(NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("RaftChaos.Node.Transport");
        var senderOptions = new PeerSenderOptions();
        _senders = options.Peers.ToDictionary(
            p => p.Id,
            p => new PeerSender(options.Id, p, senderOptions, time, logger),
            StringComparer.Ordinal);
    }

    /// <summary>Queues <paramref name="message"/> for <paramref name="peerId"/>; false when it was dropped.</summary>
    public bool TrySend(string peerId, RaftMessage message) =>
        _senders.TryGetValue(peerId, out var sender) && sender.TrySend(message);

    /// <summary>Messages dropped so far, per peer.</summary>
    public IReadOnlyDictionary<string, long> Dropped => _senders.ToDictionary(p => p.Key, p => p.Value.Dropped);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sender in _senders.Values)
        {
            sender.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }
    }
}
