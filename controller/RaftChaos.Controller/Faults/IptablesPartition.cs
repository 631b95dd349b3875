using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Network partitions inside the node containers: a <see cref="Grudge"/> becomes, in each node's network namespace,
/// DROP rules for the source addresses of the peers it ignores, in a chain of our own jumped to from INPUT.
/// Only node-to-node traffic is cut: packets from the host (published client ports) come from the bridge gateway,
/// which no grudge names. Needs NET_ADMIN on the containers.
/// </summary>
/// <remarks>
/// Rules live in the container's network namespace: a killed and restarted node comes back without them, and a
/// paused container cannot be changed (docker exec refuses), so apply a partition before pausing, not during.
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
    /// The commands that make <paramref name="grudge"/> true, one per target: ensure the chain and the jump from INPUT,
    /// flush the chain (so a new grudge replaces the old one), then one DROP per ignored peer. Pure: no I/O.
    /// </summary>
    public static IReadOnlyList<ContainerCommand> Plan(Grudge grudge, IReadOnlyList<NodeTarget> targets, string chain)
    {
        var byId = targets.ToDictionary(t => t.NodeId, StringComparer.Ordinal);
        foreach (var (node, dropped) in grudge.Drops)
            foreach (var id in dropped.Append(node))
                if (!byId.ContainsKey(id)) throw new ArgumentException($"grudge names node {id}, which is not a target", nameof(grudge));

        return targets.Select(t =>
        {
            var script = new StringBuilder("set -e; ")
                .Append($"iptables -w -N {chain} 2>/dev/null || true; ")
                .Append($"iptables -w -C INPUT -j {chain} 2>/dev/null || iptables -w -I INPUT 1 -j {chain}; ")
                .Append($"iptables -w -F {chain}");
            foreach (var peer in grudge.DroppedBy(t.NodeId).Order(StringComparer.Ordinal))
                script.Append($"; iptables -w -A {chain} -s {byId[peer].Address}/32 -j DROP");
            return new ContainerCommand(t.NodeId, t.ContainerId, ["sh", "-c", script.ToString()]);
        }).ToList();
    }

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
