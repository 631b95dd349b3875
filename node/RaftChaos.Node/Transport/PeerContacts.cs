using System.Collections.Concurrent;

namespace RaftChaos.Node.Transport;

/// <summary>
/// When a message last arrived from each peer, on the monotonic clock. The Status RPC reports it so the
/// partition nemesis can prove that a cut took effect (and that a heal did).
/// </summary>
internal sealed class PeerContacts(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _lastContact = new(StringComparer.Ordinal);

    /// <summary>Records that something arrived from <paramref name="peerId"/> now.</summary>
    public void Touch(string peerId) => _lastContact[peerId] = time.GetTimestamp();

    /// <summary>Milliseconds since the last message from <paramref name="peerId"/>; -1 if none has arrived yet.</summary>
    public long MillisecondsSince(string peerId) =>
        _lastContact.TryGetValue(peerId, out var at) ? (long)time.GetElapsedTime(at).TotalMilliseconds : -1;
}
