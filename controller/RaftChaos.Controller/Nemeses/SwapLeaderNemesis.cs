using System.Diagnostics;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// A flapping network around the leader: the leader L of term T is cut off; as soon as the others have elected a new
/// leader Y (term T' &gt; T), the cut moves: Y is cut off and L is let back in. L is still at term T' − 1 or lower
/// (pre-vote kept its term from rising while it was alone), so it campaigns for a term the others have already voted
/// in. A correct voter remembers its vote for Y and refuses; a voter that lost its vote in a crash meanwhile grants it,
/// and L leads the same term as Y: two leaders of one term, which the run's election-safety check reads from the node
/// logs. Records <c>start-partition</c> (L alone), then <c>stop-partition</c> and <c>start-partition</c> (Y alone) at the
/// swap, and <c>stop-partition</c> on stop.
/// </summary>
public sealed class SwapLeaderNemesis : INemesis
{
    /// <summary>How long to wait for the others to elect a new leader before leaving L cut off as a plain partition.</summary>
    public static TimeSpan ElectionTimeout { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Time between two polls for the new leader: well under an election timeout (200–400 ms by default).</summary>
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <inheritdoc />
    public string Kind => "swap-leader";

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        if (cluster.Nodes.Count < 3) return; // two nodes cannot elect without the cut-off one
        var leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        if (leader is null) return; // no leader to swap: this turn passes without a fault
        var term = (await cluster.TryStatusAsync(leader, cancellationToken).ConfigureAwait(false))?.Term;
        if (term is null) return;

        var first = Grudges.Isolate(cluster.NodeIds, leader.Id);
        context.Record("start-partition", new RawJsonValue(first.ToString()));
        Active = $"swap-leader {leader.Id} cut off";
        await cluster.PartitionAsync(first, cancellationToken).ConfigureAwait(false);

        var successor = await WaitForSuccessorAsync(cluster, leader, term.Value, cancellationToken).ConfigureAwait(false);
        if (successor is null)
        {
            Active += " (no new leader in time)";
            return;
        }

        var second = Grudges.Isolate(cluster.NodeIds, successor.Id);
        context.Record("stop-partition", HistoryValue.Null);
        context.Record("start-partition", new RawJsonValue(second.ToString()));
        Active = $"swap-leader {leader.Id} back, {successor.Id} (new leader) cut off";
        await cluster.PartitionAsync(second, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await context.Cluster.HealPartitionAsync(cancellationToken).ConfigureAwait(false);
        context.Record("stop-partition", HistoryValue.Null);
        Active = null;
    }

    /// <summary>Polls every node but <paramref name="old"/> until one leads a term above <paramref name="term"/>; null after <see cref="ElectionTimeout"/>.</summary>
    private static async Task<ClusterNode?> WaitForSuccessorAsync(RaftCluster cluster, ClusterNode old, ulong term, CancellationToken cancellationToken)
    {
        var others = cluster.Nodes.Where(n => n.Id != old.Id).ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ElectionTimeout)
        {
            var statuses = await Task.WhenAll(others.Select(n => cluster.TryStatusAsync(n, TimeSpan.FromMilliseconds(300), cancellationToken))).ConfigureAwait(false);
            var successor = statuses.FirstOrDefault(s => s is { Role: "leader" } && s.Term > term);
            if (successor is not null) return cluster[successor.Id];
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }
}
