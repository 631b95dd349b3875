using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Raft;

/// <summary>
/// Maps the cluster's string ids (n1, n2...) to the core's numeric ids: the members sorted by ordinal string
/// order get 1, 2, 3... Every node computes the same map because every node is given the same member list
/// (its own id plus <c>--peers</c>).
/// </summary>
internal sealed class NodeIds
{
    private readonly Dictionary<string, ulong> _byName;
    private readonly Dictionary<ulong, string> _byId;

    public NodeIds(NodeOptions options)
    {
        var names = options.Peers.Select(p => p.Id).Append(options.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        _byName = names.Select((name, i) => (name, id: (ulong)(i + 1))).ToDictionary(p => p.name, p => p.id, StringComparer.Ordinal);
        _byId = _byName.ToDictionary(p => p.Value, p => p.Key);
        Self = _byName[options.Id];
    }

    /// <summary>This node's numeric id.</summary>
    public ulong Self { get; }

    /// <summary>Every member's numeric id, ascending.</summary>
    public IReadOnlyList<ulong> All => [.. _byId.Keys.Order()];

    /// <summary>The numeric id of <paramref name="name"/>, or 0 if it is not a member.</summary>
    public ulong IdOf(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The string id of <paramref name="id"/>; empty for 0 (none), <c>#id</c> for a stranger.</summary>
    public string NameOf(ulong id) => id == 0 ? "" : _byId.TryGetValue(id, out var name) ? name : $"#{id}";
}
