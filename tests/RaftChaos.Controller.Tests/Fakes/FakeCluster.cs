using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Tests.Fakes;

/// <summary>
/// An in-memory cluster for nemesis tests: faults are only remembered, and the leader follows them the way Raft would
/// (a leader killed, paused or cut off from a majority is replaced at once by the first node that reaches a majority,
/// in a higher term). Every call is logged in <see cref="Calls"/>.
/// </summary>
public sealed class FakeCluster(int nodes, TargetCapabilities capabilities = FakeCluster.All) : IFaultableCluster
{
    /// <summary>Every capability.</summary>
    public const TargetCapabilities All = (TargetCapabilities)127; // Membership (32) included

    private readonly HashSet<string> _killed = [];
    private readonly HashSet<string> _paused = [];
    private readonly Dictionary<string, ClockSkew> _clocks = [];
    private readonly Dictionary<string, DiskFaultSpec> _disks = [];
    private Grudge? _grudge;
    private IReadOnlyList<NetemLink> _netem = [];
    private string? _leader = "n1";
    private ulong _term = 1;
    private long _ticks;

    /// <summary>The calls made, in order, e.g. "kill n2".</summary>
    public List<string> Calls { get; } = [];

    public IReadOnlyList<string> NodeIds { get; } = [.. Enumerable.Range(1, nodes).Select(i => $"n{i}")];

    public TargetCapabilities Capabilities => capabilities;

    public ActiveFaults ActiveFaults => new(_grudge, _killed.ToHashSet(), _paused.ToHashSet(), new Dictionary<string, ClockSkew>(_clocks), _netem);

    public Task<NodeStatus?> TryStatusAsync(string nodeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_killed.Contains(nodeId) || _paused.Contains(nodeId)) return Task.FromResult<NodeStatus?>(null);
        // The monotonic clock moves 10 ms per call and by the skew in force, so a step back shows at once.
        var monotonic = (_ticks += 10) + (long)_clocks.GetValueOrDefault(nodeId, ClockSkew.None).Offset.TotalMilliseconds;
        return Task.FromResult<NodeStatus?>(new NodeStatus(nodeId, nodeId == _leader, _term, _leader, 0, 0, null, monotonic));
    }

    public Task<string?> LeaderAsync(CancellationToken cancellationToken) => Task.FromResult(_leader);

    public Task PartitionAsync(Grudge grudge, CancellationToken cancellationToken) => Do($"partition {grudge}", () => _grudge = grudge);

    public Task HealPartitionAsync(CancellationToken cancellationToken) => Do("heal-partition", () => _grudge = null);

    public Task NetemAsync(IReadOnlyList<NetemLink> links, CancellationToken cancellationToken)
        => Do($"netem {string.Join(" ", links.Select(l => $"{l.Name}={l.Spec}"))}", () => _netem = links);

    public Task HealNetemAsync(CancellationToken cancellationToken) => Do("heal-netem", () => _netem = []);

    public Task KillAsync(string nodeId, CancellationToken cancellationToken) => Do($"kill {nodeId}", () => _killed.Add(nodeId));

    public Task StartNodeAsync(string nodeId, CancellationToken cancellationToken) => Do($"start {nodeId}", () => _killed.Remove(nodeId));

    public Task PauseAsync(string nodeId, CancellationToken cancellationToken) => Do($"pause {nodeId}", () => _paused.Add(nodeId));

    public Task ResumeAsync(string nodeId, CancellationToken cancellationToken) => Do($"resume {nodeId}", () => _paused.Remove(nodeId));

    public Task SetClockAsync(string nodeId, ClockSkew skew, CancellationToken cancellationToken) => Do($"clock {nodeId} {skew}", () => _clocks[nodeId] = skew);

    public Task StrobeClockAsync(string nodeId, TimeSpan delta, TimeSpan period, CancellationToken cancellationToken)
        => Do($"strobe {nodeId} {delta.TotalMilliseconds} ms every {period.TotalMilliseconds} ms", () => _clocks[nodeId] = ClockSkew.Bump(delta));

    /// <summary>The disk fault each node's file holds.</summary>
    public IReadOnlyDictionary<string, DiskFaultSpec> DiskFaults => _disks;

    public Task SetDiskFaultAsync(string nodeId, DiskFaultSpec? fault, CancellationToken cancellationToken) =>
        Do($"disk {nodeId} {fault?.ToString() ?? "none"}", () => { if (fault is null) _disks.Remove(nodeId); else _disks[nodeId] = fault; });

    public Task ResetClockAsync(string nodeId, CancellationToken cancellationToken) => Do($"reset-clock {nodeId}", () => _clocks.Remove(nodeId));

    /// <summary>The voters of the configuration (every node agrees at once: changes apply instantly).</summary>
    public SortedSet<string> Voters { get; } = new(StringComparer.Ordinal);

    /// <summary>When true, a removal asked while another is being answered is refused, as a correct leader does with two in flight.</summary>
    public bool OneChangeAtATime { get; set; } = true;

    private int _changesInFlight;

    public Task<IReadOnlyList<string>?> MembersAsync(string nodeId, CancellationToken cancellationToken)
    {
        if (Voters.Count == 0) Voters.UnionWith(NodeIds);
        return Task.FromResult<IReadOnlyList<string>?>(_killed.Contains(nodeId) ? null : [.. Voters]);
    }

    public async Task<MembershipChangeResult> ChangeMembershipAsync(string viaNodeId, bool add, string member, CancellationToken cancellationToken)
    {
        if (Voters.Count == 0) Voters.UnionWith(NodeIds);
        Calls.Add($"{(add ? "add" : "remove")}-member {member} via {viaNodeId}");
        if (viaNodeId != _leader) return new MembershipChangeResult(null, NotLeader: true, Leader: _leader);
        if (OneChangeAtATime && _changesInFlight > 0) return new MembershipChangeResult(null, Refused: "MembershipChangePending");
        _changesInFlight++;
        await Task.Yield();
        _changesInFlight--;
        if (add) Voters.Add(member);
        else Voters.Remove(member);
        // A removed leader steps down; the first remaining voter takes over in a higher term.
        if (!add && member == _leader) { _leader = Voters.First(); _term++; }
        return MembershipChangeResult.Applied([.. Voters]);
    }

    public Task WipeAsync(string nodeId, CancellationToken cancellationToken) => Do($"wipe {nodeId}", () => { });

    private Task Do(string call, Action change)
    {
        Calls.Add(call);
        change();
        Reelect();
        return Task.CompletedTask;
    }

    private void Reelect()
    {
        var live = NodeIds.Where(n => !_killed.Contains(n) && !_paused.Contains(n)).ToList();
        var majority = (NodeIds.Count / 2) + 1;
        bool Leads(string node) => live.Contains(node)
            && live.Count(peer => peer == node || (_grudge is null || (!_grudge.DroppedBy(node).Contains(peer) && !_grudge.DroppedBy(peer).Contains(node)))) >= majority;
        if (_leader is not null && Leads(_leader)) return;
        _leader = live.FirstOrDefault(Leads);
        if (_leader is not null) _term++;
    }
}
