using System.Globalization;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Clocks that run fast or slow (libfaketime rates, which move the node's monotonic clock too, so its election and
/// heartbeat timers and any lease run at that rate): each start picks a random non-empty subset of nodes and for each a
/// rate from 0.5× to 0.8× or from 1.25× to 2× (never so close to 1 that it is no fault), recorded as <c>clock-rate</c>
/// with value node → rate. Stop returns them to real time exactly: the cluster starts each node process again under
/// the reset clock file (<see cref="Cluster.RaftCluster"/>, RaftCluster.ClockRate.cs), recorded as
/// <c>clock-rate-reset</c> with the node list once they answer again.
/// </summary>
public sealed class ClockRateNemesis : INemesis
{
    private List<string> _skewed = [];

    /// <inheritdoc />
    public string Kind => "clock-rate";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Clock;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var shuffled = cluster.NodeIds.ToArray();
        context.Random.Shuffle(shuffled);
        _skewed = [.. shuffled.Take(1 + context.Random.Next(shuffled.Length))];
        var plan = _skewed.Select(n => (Node: n, Rate: Rate(context.Random))).ToList();
        var json = "{" + string.Join(",", plan.Select(p => string.Create(CultureInfo.InvariantCulture, $"\"{p.Node}\":{p.Rate:0.##}"))) + "}";
        context.Record("clock-rate", new RawJsonValue(json));
        Active = $"clock-rate {json}";
        foreach (var (node, rate) in plan) await cluster.SetClockAsync(node, ClockSkew.Skew(rate), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await Task.WhenAll(_skewed.Select(n => context.Cluster.ResetClockAsync(n, cancellationToken))).ConfigureAwait(false);
        context.Record("clock-rate-reset", NemesisContext.Nodes(_skewed));
        _skewed = [];
        Active = null;
    }

    /// <summary>A rate from 0.5 to 0.8 or from 1.25 to 2, in steps of 0.05.</summary>
    private static double Rate(Random random) => random.Next(2) == 0
        ? 0.5 + (0.05 * random.Next(7))
        : 1.25 + (0.05 * random.Next(16));
}
