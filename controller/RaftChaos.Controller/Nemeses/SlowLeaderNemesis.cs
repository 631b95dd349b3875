using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Two faults at once on the leader, the textbook case against leader leases: its clock steps back by 2–4 s (as after
/// an NTP step; libfaketime moves the monotonic clock too, so the node's ticks stall until its clock has caught up),
/// and once the step has taken hold it is cut off from every peer. The others elect a new leader after their
/// real-time election timeout and commit writes, while the old leader's lease, counted in ticks, has not moved: a node
/// that serves reads from such a lease answers stale values; a correct one confirms with a quorum and cannot.
/// Records <c>clock-bump</c> and <c>start-partition</c> on start, <c>stop-partition</c> and <c>clock-reset</c> on
/// stop. Needs a target with clock faults and leader discovery, and a cluster started with <see cref="ClusterOptions.ClockFaults"/>.
/// </summary>
/// <remarks>
/// A step, not a rate: libfaketime 0.9.10 cannot return from a rate skew to real time without a jump (compose/README.md,
/// "Clock faults"; a run with rates of 0.05–0.25 left clocks off by seconds to days), while a step is undone exactly.
/// </remarks>
public sealed class SlowLeaderNemesis : INemesis
{
    /// <summary>
    /// How long to wait for the step to show in the node's monotonic clock: libfaketime re-reads its control file when
    /// the wall-clock second changes (0.9 s worst measured), plus the polls.
    /// </summary>
    public static TimeSpan TakeHoldTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Deadline of one status call of the slowed leader.</summary>
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromMilliseconds(500);

    private string? _leader;
    private bool _cut;

    /// <inheritdoc />
    public string Kind => "slow-leader";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Clock | TargetCapabilities.LeaderDiscovery;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        // Drawn before asking for the leader, so the random stream does not depend on whether one is known.
        var step = TimeSpan.FromMilliseconds(2000 + context.Random.Next(2001));
        _leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        if (_leader is null) return; // no leader to slow down: this turn passes without a fault
        var stepMs = (long)step.TotalMilliseconds;
        context.Record("clock-bump", new RawJsonValue(string.Create(CultureInfo.InvariantCulture, $"{{\"{_leader}\":{-stepMs}}}")));
        Active = string.Create(CultureInfo.InvariantCulture, $"slow-leader {_leader} clock -{stepMs} ms");
        var before = (await cluster.TryStatusAsync(_leader, StatusDeadline, cancellationToken).ConfigureAwait(false))?.MonotonicMs;
        await cluster.SetClockAsync(_leader, ClockSkew.Bump(-step), cancellationToken).ConfigureAwait(false);
        await WaitForStepAsync(cluster, _leader, before, cancellationToken).ConfigureAwait(false);
        var grudge = Grudges.Isolate(cluster.NodeIds, _leader);
        context.Record("start-partition", new RawJsonValue(grudge.ToString()));
        _cut = true;
        Active += " and cut off";
        await cluster.PartitionAsync(grudge, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null || _leader is null) return;
        if (_cut)
        {
            await context.Cluster.HealPartitionAsync(cancellationToken).ConfigureAwait(false);
            context.Record("stop-partition", HistoryValue.Null);
        }
        await context.Cluster.ResetClockAsync(_leader, cancellationToken).ConfigureAwait(false);
        context.Record("clock-reset", NemesisContext.Nodes([_leader]));
        _leader = null;
        _cut = false;
        Active = null;
    }

    /// <summary>
    /// Polls the node's monotonic clock until it reads less than <paramref name="before"/> (the step took hold), so the
    /// cut comes while the ticks stall. Gives up after <see cref="TakeHoldTimeout"/> and cuts anyway (logged as the
    /// fault's description); a node whose status shows no monotonic clock is given the whole timeout.
    /// </summary>
    private async Task WaitForStepAsync(IFaultableCluster cluster, string node, long? before, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TakeHoldTimeout)
        {
            var status = await cluster.TryStatusAsync(node, StatusDeadline, cancellationToken).ConfigureAwait(false);
            if (status is not null && status.MonotonicMs < before) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
        Active += " (step not seen in time)";
    }
}
