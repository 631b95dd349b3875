using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The bench's view of the cluster: a channel to every node and the one that currently leads. When a
/// request is refused with "not leader", the bench follows the named leader, so a leadership change during
/// a run costs a few refused requests instead of the rest of the step.
/// </summary>
internal sealed class BenchTarget : IDisposable
{
    private readonly Dictionary<string, (NodeAddress Address, Kv.KvClient Client)> _byId;
    private readonly List<GrpcChannel> _channels;
    private Current _leader;
    private int _redirects;

    private BenchTarget(Dictionary<string, (NodeAddress, Kv.KvClient)> byId, List<GrpcChannel> channels, string leaderId)
    {
        _byId = byId;
        _channels = channels;
        _leader = new Current(leaderId, byId[leaderId].Item2);
    }

    /// <summary>The leader's client (as last learnt).</summary>
    public Kv.KvClient Leader => Volatile.Read(ref _leader).Client;

    /// <summary>The leader's id and address.</summary>
    public string LeaderName => $"{Volatile.Read(ref _leader).Id} at {_byId[Volatile.Read(ref _leader).Id].Address}";

    /// <summary>How many times requests were redirected to another leader.</summary>
    public int Redirects => Volatile.Read(ref _redirects);

    /// <summary>Asks every node for its status until they name one leader (up to 10 s); null if none.</summary>
    public static async Task<BenchTarget?> ConnectAsync(IReadOnlyList<NodeAddress> nodes, CancellationToken ct)
    {
        var channels = nodes.Select(n => NodeChannels.Create(n)).ToList();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            var byId = new Dictionary<string, (NodeAddress, Kv.KvClient)>();
            var leaders = new HashSet<string>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var client = new Kv.KvClient(channels[i]);
                try
                {
                    var status = await client.StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                    byId[status.Id] = (nodes[i], client);
                    if (status.LeaderId.Length > 0)
                    {
                        leaders.Add(status.LeaderId);
                    }
                }
                catch (RpcException)
                {
                    // A node that does not answer cannot be the one to measure.
                }
            }
            if (leaders.Count == 1 && byId.ContainsKey(leaders.First()))
            {
                return new BenchTarget(byId, channels, leaders.First());
            }
            await Task.Delay(200, ct);
        }
        channels.ForEach(c => c.Dispose());
        return null;
    }

    /// <summary>Follows a "not leader" refusal to the leader it names (if it is one of the given nodes).</summary>
    public void Redirect(NotLeader notLeader)
    {
        var current = Volatile.Read(ref _leader);
        if (notLeader.LeaderId.Length > 0 && notLeader.LeaderId != current.Id && _byId.TryGetValue(notLeader.LeaderId, out var next))
        {
            Interlocked.CompareExchange(ref _leader, new Current(notLeader.LeaderId, next.Client), current);
            Interlocked.Increment(ref _redirects);
        }
    }

    public void Dispose() => _channels.ForEach(c => c.Dispose());

    // Swapped atomically as one reference, so id and client always agree.
    private sealed record Current(string Id, Kv.KvClient Client);
}
