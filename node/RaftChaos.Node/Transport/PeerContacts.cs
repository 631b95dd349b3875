using System.Collections.Concurrent;

namespace RaftChaos.Node.Transport;

/// <summary>
/// When a message last arrived from each peer, on the monotonic clock, and how many of its streams are open. The Status
/// RPC reports the first so the partition nemesis can prove that a cut took effect (and that a heal did); the second
/// tells a stream that ends whether it was the peer's last one (a redialled stream replaces an old one that breaks later).
/// </summary>
internal sealed class PeerContacts(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _lastContact = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _openStreams = new(StringComparer.Ordinal);

    /// <summary>A stream from <paramref name="peerId"/> delivered its first batch.</summary>
    public void StreamOpened(string peerId) => _openStreams.AddOrUpdate(peerId, 1, (_, n) => n + 1);

    /// <summary>A stream from <paramref name="peerId"/> ended; returns how many of its streams are still open.</summary>
    public int StreamClosed(string peerId) => _openStreams.AddOrUpdate(peerId, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>Records that something arrived from <paramref name="peerId"/> now.</summary>
    public void Touch(string peerId) => _lastContact[peerId] = time.GetTimestamp();

    /// <summary>Milliseconds since the last message from <paramref name="peerId"/>; -1 if none has arrived yet.</summary>
    public long MillisecondsSince(string peerId) =>
        _lastContact.TryGetValue(peerId, out var at) ? (long)time.GetElapsedTime(at).TotalMilliseconds : -1;
}
