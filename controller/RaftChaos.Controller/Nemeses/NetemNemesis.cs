using RaftChaos.Checker.History;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Grey network failures (<see cref="IptablesNetem"/>): each start picks a scope, either one node (every link to and
/// from it) or one direction of one link (only n1 → n2), and an effect: <c>delay</c> (up to
/// <see cref="NemesisOptions.NetemDelayBound"/>, jitter up to a fifth of it), <c>reorder</c> (a short delay with a
/// jitter as large, so packets overtake each other), <c>loss</c> and <c>duplicate</c> (up to
/// <see cref="NemesisOptions.NetemLossBound"/>), <c>mixed</c> (delay, loss and duplication at once), or
/// <c>bandwidth</c> (a token bucket from <see cref="NemesisOptions.NetemRateFloorKbit"/> to 16 times it, log-uniform). Records
/// <c>start-netem</c> with value link → spec (<c>{"n1->n2":{"delayMs":80,"jitterMs":12,"loss":0,"duplicate":0,"rateKbit":0,"seed":…}}</c>)
/// and <c>stop-netem</c>.
/// </summary>
/// <remarks>
/// <c>mixed</c> leaves the bandwidth alone: a narrow link on top of loss and delay starves the cluster for the whole hold,
/// and the clients' timed-out operations then weigh on the checker more than they teach.
/// </remarks>
public sealed class NetemNemesis(NemesisOptions options) : INemesis
{
    /// <summary>The scopes, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["node", "link"];

    /// <summary>The effects, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Effects { get; } = ["delay", "reorder", "loss", "duplicate", "mixed", "bandwidth"];

    /// <inheritdoc />
    public string Kind => "netem";

    /// <inheritdoc />
    /// <remarks>Nothing: applied from a helper container in the node's network namespace, whatever the image.</remarks>
    public TargetCapabilities Requires => TargetCapabilities.None;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var nodes = context.Cluster.NodeIds;
        if (nodes.Count < 2) return; // no link to slow down
        var links = Plan(nodes, context.Random, options, out var scope, out var effect);
        var json = "{" + string.Join(",", links.Select(l => $"\"{l.Name}\":{l.Spec.ToJson()}")) + "}";
        context.Record("start-netem", new RawJsonValue(json));
        Active = $"netem {scope} {effect} {string.Join(",", links.Select(l => l.Name))}";
        await context.Cluster.NetemAsync(links, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await context.Cluster.HealNetemAsync(cancellationToken).ConfigureAwait(false);
        context.Record("stop-netem", HistoryValue.Null);
        Active = null;
    }

    /// <summary>One fault as data: the links and their spec (one spec for all), every choice from <paramref name="random"/>. Pure.</summary>
    public static IReadOnlyList<NetemLink> Plan(IReadOnlyList<string> nodes, Random random, NemesisOptions options, out string scope, out string effect)
    {
        scope = Scopes[random.Next(Scopes.Count)];
        effect = Effects[random.Next(Effects.Count)];
        var delayBound = Math.Max(1, (int)options.NetemDelayBound.TotalMilliseconds);
        var lossBound = options.NetemLossBound;
        TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);
        double Probability() => Math.Round(0.05 + (random.NextDouble() * Math.Max(0, lossBound - 0.05)), 3);
        var delay = 1 + random.Next(delayBound);
        // Log-uniform: a fault is as likely to be 2 to 4 times the floor as 8 to 16 times.
        long Rate() => (long)Math.Round(options.NetemRateFloorKbit * Math.Pow(16, random.NextDouble()));
        var spec = effect switch
        {
            "delay" => new NetemSpec(Ms(delay), Ms(random.Next((delay / 5) + 1)), 0, 0),
            "reorder" => new NetemSpec(Ms(Math.Min(delay, 20)), Ms(Math.Min(delay, 20)), 0, 0),
            "loss" => new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, Probability(), 0),
            "duplicate" => new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, Probability()),
            "bandwidth" => new NetemSpec(TimeSpan.Zero, TimeSpan.Zero, 0, 0, RateKbit: Rate()),
            _ => new NetemSpec(Ms(delay), Ms(random.Next((delay / 5) + 1)), Probability(), Probability()),
        };
        var shuffled = nodes.ToArray();
        random.Shuffle(shuffled);
        var pairs = scope == "node"
            ? shuffled.Skip(1).SelectMany(peer => new[] { (shuffled[0], peer), (peer, shuffled[0]) })
            : [(shuffled[0], shuffled[1])];
        // Each delayer draws its jitter from a seed of its own.
        return [.. pairs.Select(p => new NetemLink(p.Item1, p.Item2, spec with { Seed = (ulong)random.NextInt64() }))];
    }
}
