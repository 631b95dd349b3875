using System.Globalization;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Clock faults through libfaketime (which also moves the node's monotonic clock, so its election and heartbeat timers
/// drift: see <see cref="FaketimeOptions"/>). Each start picks a random non-empty subset of nodes and one of: a bump
/// forward or back by up to <see cref="NemesisOptions.ClockBound"/> (<c>clock-bump</c>, value node → ms), a strobe
/// between +delta and real time every <see cref="NemesisOptions.StrobePeriod"/> (<c>clock-strobe</c>, value node →
/// {deltaMs, periodMs}). Stop resets the subset to real time (<c>clock-reset</c>, value the node list).
/// </summary>
/// <remarks>
/// No rate skew here: libfaketime 0.9.10 does not return from a rate to real time exactly in place (a run's heal check
/// found clocks off by 3–13 s after rates of 0.5–2 were reset). Rates are <see cref="ClockRateNemesis"/>, whose heal
/// starts the node process again.
/// </remarks>
public sealed class ClockNemesis(NemesisOptions options) : INemesis
{
    /// <summary>The clock faults, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["bump", "strobe"];

    private List<string> _skewed = [];

    /// <inheritdoc />
    public string Kind => "clock";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Clock;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var mode = Modes[context.Random.Next(Modes.Count)];
        var shuffled = cluster.NodeIds.ToArray();
        context.Random.Shuffle(shuffled);
        _skewed = [.. shuffled.Take(1 + context.Random.Next(shuffled.Length))];
        var ci = CultureInfo.InvariantCulture;
        var bound = (int)options.ClockBound.TotalMilliseconds;
        var plan = _skewed.Select(n => (Node: n, Skew: mode switch
        {
            // Never 0: a bump of nothing would be a fault that is not one.
            "bump" => ClockSkew.Bump(TimeSpan.FromMilliseconds(NonZero(context.Random, bound))),
            _ => ClockSkew.Bump(TimeSpan.FromMilliseconds(1 + context.Random.Next(bound))),
        })).ToList();
        var json = "{" + string.Join(",", plan.Select(p => mode switch
        {
            "bump" => string.Create(ci, $"\"{p.Node}\":{(long)p.Skew.Offset.TotalMilliseconds}"),
            _ => string.Create(ci, $"\"{p.Node}\":{{\"deltaMs\":{(long)p.Skew.Offset.TotalMilliseconds},\"periodMs\":{(long)options.StrobePeriod.TotalMilliseconds}}}"),
        })) + "}";
        context.Record("clock-" + mode, new RawJsonValue(json));
        Active = $"clock {mode} {json}";
        foreach (var (node, skew) in plan)
        {
            if (mode == "strobe") await cluster.StrobeClockAsync(node, skew.Offset, options.StrobePeriod, cancellationToken).ConfigureAwait(false);
            else await cluster.SetClockAsync(node, skew, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        foreach (var node in _skewed) await context.Cluster.ResetClockAsync(node, cancellationToken).ConfigureAwait(false);
        context.Record("clock-reset", NemesisContext.Nodes(_skewed));
        _skewed = [];
        Active = null;
    }

    private static int NonZero(Random random, int bound)
    {
        var magnitude = 1 + random.Next(Math.Max(1, bound));
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }
}
