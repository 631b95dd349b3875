using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Network partitions inside the node containers: a <see cref="Grudge"/> becomes, in each node's network namespace,
/// DROP rules in a chain of our own. On one engine the chain is jumped to from INPUT and drops the source addresses of
/// the peers the node ignores. Only node-to-node traffic is cut: packets from the host (published client ports) come
/// from the bridge gateway, which no grudge names. Needs NET_ADMIN (the node's network helper has it).
/// </summary>
/// <remarks>
/// <para>
/// On a cluster that spans engines (every target has a <see cref="NodeTarget.PublishedPeer"/>) peers talk through
/// published ports at host addresses, and what arrives is not attributable: docker-proxy connects from the bridge
/// gateway, whoever the sender was. So the cut is made at the sender, in a chain jumped to from OUTPUT: the node drops
/// what it sends to the host address <b>and</b> port of each peer it is cut from (several nodes share one host address).
/// A grudge "A ignores B" cuts A's sends to B and B's sends to A. Over TCP that is what the INPUT rule does on one engine
/// too: dropping everything A receives from B also drops the answers to A's own connections to B. The client traffic
/// is spared: a node's answers to clients go to ephemeral ports (32768 and up), never to a peer port (20000-31999).
/// </para>
/// <para>
/// Rules live in the container's network namespace: a killed and restarted node comes back without them, and a
/// paused container cannot be changed (docker exec refuses), so apply a partition before pausing, not during.
/// </para>
/// </remarks>
public sealed class IptablesPartition
{
    private readonly DockerEngine _engine;
    private readonly IReadOnlyList<NodeTarget> _targets;
    private readonly IptablesPartitionOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the fault for a cluster's node containers.</summary>
    public IptablesPartition(DockerEngine engine, IReadOnlyList<NodeTarget> targets, IptablesPartitionOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new IptablesPartitionOptions();
        _options.Validate();
        if (targets.Select(t => t.NodeId).Distinct(StringComparer.Ordinal).Count() != targets.Count)
            throw new ArgumentException("node ids must be distinct", nameof(targets));
        _engine = engine;
        _targets = targets;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The commands that make <paramref name="grudge"/> true, one per target: ensure the chain and the jump to it, flush
    /// the chain (so a new grudge replaces the old one), then one DROP per peer: from INPUT, by the source address of
    /// each peer the node ignores; on a cluster that spans engines, from OUTPUT, by the published host address and port
    /// of each peer the node is cut from either way (see the remarks). Pure: no I/O.
    /// </summary>
    public static IReadOnlyList<ContainerCommand> Plan(Grudge grudge, IReadOnlyList<NodeTarget> targets, string chain)
    {
        var byId = targets.ToDictionary(t => t.NodeId, StringComparer.Ordinal);
        foreach (var (node, dropped) in grudge.Drops)
            foreach (var id in dropped.Append(node))
                if (!byId.ContainsKey(id)) throw new ArgumentException($"grudge names node {id}, which is not a target", nameof(grudge));
        var published = targets.Count(t => t.PublishedPeer is not null);
        if (published != 0 && published != targets.Count)
            throw new ArgumentException("either every target has a published peer endpoint (a cluster that spans engines) or none has", nameof(targets));
        var atSender = published > 0;

        return targets.Select(t =>
        {
            var hook = atSender ? "OUTPUT" : "INPUT";
            var script = new StringBuilder("set -e; ")
                .Append($"iptables -w -N {chain} 2>/dev/null || true; ")
                .Append($"iptables -w -C {hook} -j {chain} 2>/dev/null || iptables -w -I {hook} 1 -j {chain}; ")
                .Append($"iptables -w -F {chain}");
            if (atSender)
            {
                foreach (var peer in CutSends(grudge, t.NodeId).Order(StringComparer.Ordinal))
                {
                    var to = byId[peer].PublishedPeer!;
                    script.Append($"; iptables -w -A {chain} -d {to.Address}/32 -p tcp --dport {to.Port} -j DROP");
                }
            }
            else
            {
                foreach (var peer in grudge.DroppedBy(t.NodeId).Order(StringComparer.Ordinal))
                    script.Append($"; iptables -w -A {chain} -s {byId[peer].Address}/32 -j DROP");
            }
            return new ContainerCommand(t.NodeId, t.ContainerId, ["sh", "-c", script.ToString()]);
        }).ToList();
    }

    /// <summary>The peers <paramref name="node"/> must send nothing to when cuts are made at the sender: those it ignores, and those that ignore it.</summary>
    internal static IEnumerable<string> CutSends(Grudge grudge, string node)
        => grudge.DroppedBy(node).Union(grudge.Drops.Where(d => d.Value.Contains(node)).Select(d => d.Key), StringComparer.Ordinal);

    /// <summary>The commands that heal every target: flush the chain when it exists. Pure: no I/O.</summary>
    public static IReadOnlyList<ContainerCommand> PlanHeal(IReadOnlyList<NodeTarget> targets, string chain)
        => targets.Select(t => new ContainerCommand(t.NodeId, t.ContainerId,
            ["sh", "-c", $"if iptables -w -n -L {chain} >/dev/null 2>&1; then iptables -w -F {chain}; fi"])).ToList();

    /// <summary>Applies <paramref name="grudge"/> on every target at once, replacing any earlier grudge.</summary>
    public async Task ApplyAsync(Grudge grudge, CancellationToken cancellationToken)
    {
        await RunAllAsync(Plan(grudge, _targets, _options.Chain), cancellationToken).ConfigureAwait(false);
        Log.FaultApplied(_logger, "partition", grudge.ToString(), null);
    }

    /// <summary>Removes every DROP rule of ours on every target (idempotent).</summary>
    public async Task HealAsync(CancellationToken cancellationToken)
    {
        await RunAllAsync(PlanHeal(_targets, _options.Chain), cancellationToken).ConfigureAwait(false);
        Log.FaultHealed(_logger, "partition", string.Join(",", _targets.Select(t => t.NodeId)), null);
    }

    /// <summary>The DROP rules of ours in <paramref name="target"/> (iptables -S lines); empty after a heal.</summary>
    public async Task<IReadOnlyList<string>> ListDropRulesAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        var result = await _engine.ExecAsync(target.ContainerId, ["iptables", "-w", "-S", _options.Chain], cancellationToken).ConfigureAwait(false);
        // A missing chain (exit 1) means no rules at all: a node never partitioned, or restarted since.
        if (!result.Succeeded) return [];
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("-j DROP", StringComparison.Ordinal)).ToList();
    }

    private Task RunAllAsync(IReadOnlyList<ContainerCommand> commands, CancellationToken cancellationToken)
        => Task.WhenAll(commands.Select(c => _engine.ExecCheckedAsync(c.ContainerId, c.Command, cancellationToken)));
}
