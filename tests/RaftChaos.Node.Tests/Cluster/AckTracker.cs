using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>
/// Writes unique keys from a few concurrent clients to whoever leads, and remembers exactly which writes were
/// acknowledged. Unknown outcomes (Unavailable, deadline) are counted but never treated as acknowledged.
/// </summary>
internal sealed class AckTracker(LocalCluster cluster)
{
    private const int Clients = 4;
    private readonly ConcurrentQueue<(long Time, string Node)> _acks = new();
    private int _next;
    private int _unknown;
    private int _refused;

    public ConcurrentDictionary<string, string> Acked { get; } = new();
    public NodeProcess? CurrentLeader { get; private set; }
    public int Unknown => _unknown;
    public int Refused => _refused;

    /// <summary>Writes until <paramref name="done"/> says so (checked before every write).</summary>
    public async Task WriteUntilAsync(Func<bool> done, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!done())
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"only {Acked.Count} writes acknowledged in 60 s{Environment.NewLine}{cluster.Logs()}");
                var leader = CurrentLeader is { IsRunning: true } l ? l : CurrentLeader = await cluster.FindLeaderAsync(ct);
                if (leader is null)
                {
                    await Task.Delay(10, ct);
                    continue;
                }
                var n = Interlocked.Increment(ref _next);
                var (key, value) = ($"key{n}", $"value{n}");
                try
                {
                    var reply = await leader.Client.WriteAsync(new WriteRequest { Key = key, Value = ByteString.CopyFromUtf8(value) },
                        deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                    if (reply.NotLeader is null)
                    {
                        Acked[key] = value;
                        _acks.Enqueue((Stopwatch.GetTimestamp(), leader.Id));
                        continue;
                    }
                    Interlocked.Increment(ref _refused);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref _unknown);
                }
                CurrentLeader = null;
                await Task.Delay(10, ct);
            }
        }, ct)));
    }

    /// <summary>The first acknowledgement after <paramref name="timestamp"/> by a node other than
    /// <paramref name="exceptNode"/> (replies of a killed leader may still sit in socket buffers), or null.</summary>
    public long? FirstAckAfter(long timestamp, string exceptNode) =>
        _acks.Where(a => a.Time > timestamp && a.Node != exceptNode).Select(a => (long?)a.Time).Min();

    /// <summary>How many acknowledgements came after <paramref name="timestamp"/>.</summary>
    public int AcksAfter(long timestamp) => _acks.Count(a => a.Time > timestamp);
}
