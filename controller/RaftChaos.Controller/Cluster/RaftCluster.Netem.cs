using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// The netem fault at the cluster level (<see cref="IptablesNetem"/>): the wanted links are kept here and written, by
/// each sending node's network helper, into its namespace; a node started again gets them again, as it gets the grudge.
/// </summary>
public sealed partial class RaftCluster
{
    private IReadOnlyList<NetemLink> _netem = [];

    /// <inheritdoc />
    public async Task NetemAsync(IReadOnlyList<NetemLink> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (SpansEngines && links.Count > 0)
        {
            throw new NotSupportedException(
                "netem is not built for a cluster that spans engines: its rules match a peer by address alone (and duplication tees to that address), while there several nodes share one host address");
        }
        foreach (var link in links)
        {
            _ = this[link.From];
            _ = this[link.To];
        }
        lock (_faultGate) _netem = [.. links];
        // Every running node: one that sends on no link any more must lose its old rules and delayers.
        await Task.WhenAll(RunningNodes().Select(n => ApplyNetemAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task HealNetemAsync(CancellationToken cancellationToken)
    {
        lock (_faultGate) _netem = [];
        await Task.WhenAll(RunningNodes().Select(n => ApplyNetemAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>What is left of netem in the node's namespace, one line each (a rule, a running delayer); empty when healed.</summary>
    public async Task<IReadOnlyList<string>> NetemLeftAsync(string nodeId, CancellationToken cancellationToken)
    {
        var helper = await NetworkHelperAsync(nodeId, cancellationToken).ConfigureAwait(false);
        var result = await SiteOf(nodeId).Engine.ExecCheckedAsync(helper, IptablesNetem.PlanList(), cancellationToken).ConfigureAwait(false);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private async Task ApplyNetemAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        IReadOnlyList<NetemLink> links;
        lock (_faultGate) links = _netem;
        var mine = links.Where(l => l.From == node.Id).ToList();
        var command = mine.Count == 0 ? IptablesNetem.PlanHeal() : IptablesNetem.Plan(node.Id, mine, [.. _nodes.Select(n => n.Target)]);
        var site = SiteOf(node.Id);
        var helper = await site.Helpers.EnsureAsync(node.Id, node.ContainerId, cancellationToken).ConfigureAwait(false)
            ?? throw new ExecFailedException(node.ContainerId, command, new ExecResult(126, "", $"{node.Id} is not running: no network namespace to change"));
        await site.Engine.ExecCheckedAsync(helper, command, cancellationToken).ConfigureAwait(false);
    }
}
