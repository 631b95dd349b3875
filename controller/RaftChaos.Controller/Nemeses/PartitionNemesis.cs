using RaftChaos.Checker.History;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Network partitions: each start picks one of the grudges (one node alone, the current leader alone, random halves,
/// majorities ring, bridge) and applies it with iptables; stop heals. Records <c>start-partition</c> with the grudge as
/// value (<c>{"n1":["n2","n3"],...}</c>) and <c>stop-partition</c>.
/// </summary>
public sealed class PartitionNemesis : INemesis
{
    /// <summary>The grudge shapes, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["one-alone", "leader-alone", "random-halves", "majorities-ring", "bridge"];

    /// <inheritdoc />
    public string Kind => "partition";

    /// <inheritdoc />
    /// <remarks>Nothing: partitions are applied from a helper container in the node's network namespace, whatever the image.</remarks>
    public TargetCapabilities Requires => TargetCapabilities.None;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var nodes = context.Cluster.NodeIds;
        if (nodes.Count < 2) return; // nothing to cut
        var modes = Modes.Where(m => nodes.Count >= 3 || m is not ("majorities-ring" or "bridge")).ToList();
        var mode = modes[context.Random.Next(modes.Count)];
        var grudge = mode switch
        {
            "leader-alone" => await context.Cluster.LeaderAsync(cancellationToken).ConfigureAwait(false) is { } leader
                ? Grudges.Isolate(nodes, leader)
                : Grudges.OneAlone(nodes, context.Random),
            "random-halves" => Grudges.RandomHalves(nodes, context.Random),
            "majorities-ring" => Grudges.MajoritiesRing(nodes, context.Random),
            "bridge" => Grudges.Bridge(nodes, context.Random),
            _ => Grudges.OneAlone(nodes, context.Random),
        };
        context.Record("start-partition", new RawJsonValue(grudge.ToString()));
        Active = $"partition {mode} {grudge}";
        await context.Cluster.PartitionAsync(grudge, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await context.Cluster.HealPartitionAsync(cancellationToken).ConfigureAwait(false);
        context.Record("stop-partition", HistoryValue.Null);
        Active = null;
    }
}
