using System.Diagnostics;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// A flapping network around the leader. The leader L of term T is cut off; as soon as the others have elected a new
/// leader Y (term above T), the cut moves: Y is cut off and L is let back in. L is still at a lower term (pre-vote kept
/// its term from rising while it was alone), so it campaigns for a term the others have already voted in: a correct
/// voter remembers its vote for Y and refuses, a voter that lost its vote in a crash grants it, and two nodes lead one
/// term. Half the faults move the cut once more: when the majority has elected again (often L, whose log is longest),
/// that leader is cut off and Y let back in. Y holds entries of its own term that reached nobody; if the re-elected
/// leader counted replicas of an older term's entries to commit them (Figure 8 of the Raft paper), Y's log now looks
/// newer than theirs, and Y's entries conflict with committed ones. Records <c>start-partition</c> with each cut, and
/// <c>stop-partition</c> before each move and on stop.
/// </summary>
public sealed class SwapLeaderNemesis : INemesis
{
    /// <summary>How long to wait for the others to elect a new leader before leaving the cut as it is.</summary>
    public static TimeSpan ElectionTimeout { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Time between two polls for the new leader: well under an election timeout (200–400 ms by default).</summary>
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Deadline of one status call.</summary>
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public string Kind => "swap-leader";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.LeaderDiscovery;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        // Drawn first, so the random stream does not depend on what the cluster answers.
        var moves = 1 + context.Random.Next(2);
        if (cluster.NodeIds.Count < 3) return; // two nodes cannot elect without the cut-off one
        var cut = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        if (cut is null) return; // no leader to swap: this turn passes without a fault
        var term = (await cluster.TryStatusAsync(cut, StatusDeadline, cancellationToken).ConfigureAwait(false))?.Term;
        if (term is null) return;

        await CutOffAsync(context, cut, first: true, cancellationToken).ConfigureAwait(false);
        Active = $"swap-leader: {cut} cut off";
        for (var move = 0; move < moves; move++)
        {
            var successor = await WaitForSuccessorAsync(cluster, cut, term.Value, cancellationToken).ConfigureAwait(false);
            if (successor is null)
            {
                Active += " (no new leader in time)";
                return;
            }
            (cut, term) = (successor.Value.Node, successor.Value.Term);
            await CutOffAsync(context, cut, first: false, cancellationToken).ConfigureAwait(false);
            Active += $", then {cut} (new leader)";
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await context.Cluster.HealPartitionAsync(cancellationToken).ConfigureAwait(false);
        context.Record("stop-partition", HistoryValue.Null);
        Active = null;
    }

    /// <summary>Cuts <paramref name="node"/> off from every other node; the previous cut (if any) ends in the same step.</summary>
    private static async Task CutOffAsync(NemesisContext context, string node, bool first, CancellationToken cancellationToken)
    {
        var grudge = Grudges.Isolate(context.Cluster.NodeIds, node);
        if (!first) context.Record("stop-partition", HistoryValue.Null);
        context.Record("start-partition", new RawJsonValue(grudge.ToString()));
        await context.Cluster.PartitionAsync(grudge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls every node but <paramref name="cut"/> until one leads a term above <paramref name="term"/>; null after <see cref="ElectionTimeout"/>.</summary>
    private static async Task<(string Node, ulong Term)?> WaitForSuccessorAsync(IFaultableCluster cluster, string cut, ulong term, CancellationToken cancellationToken)
    {
        var others = cluster.NodeIds.Where(n => n != cut).ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ElectionTimeout)
        {
            var statuses = await Task.WhenAll(others.Select(n => cluster.TryStatusAsync(n, TimeSpan.FromMilliseconds(300), cancellationToken))).ConfigureAwait(false);
            var successor = statuses.FirstOrDefault(s => s is { IsLeader: true } && s.Term > term);
            if (successor is not null) return (successor.Id, successor.Term);
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }
}
