using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Faults;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The bench's two disruption figures, measured with the same writers on every target: time from a leader's SIGKILL to
/// the next acknowledged write, and the longest gap between acknowledged writes after an isolated leader rejoins.
/// </summary>
/// <remarks>
/// The writers are closed loops, <see cref="WritersPerNode"/> per live node, each attempt cancelled after
/// <see cref="AttemptDeadline"/> and followed, when not ok, by a <see cref="Pause"/>: a write to our follower is refused
/// at once (not leader) while etcd's follower forwards it and can hold it until the deadline, so several staggered
/// writers keep the resolution near deadline / writers for both. A refused or timed-out attempt is just not an
/// acknowledgement; nothing is recorded in a history, so nothing is retried under one operation's name.
/// </remarks>
internal static class BenchDisruption
{
    private const int WritersPerNode = 4;
    private static readonly TimeSpan AttemptDeadline = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the old leader stays cut off before it rejoins: several election timeouts, so a node without PreVote has raised its term.</summary>
    public static TimeSpan IsolatedFor { get; } = TimeSpan.FromSeconds(3);

    /// <summary>How long acknowledgements are watched after the heal.</summary>
    public static TimeSpan WatchedAfterHeal { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SIGKILLs the leader, then writes to every other node until one write is acknowledged; returns the milliseconds from
    /// the kill call (before it: the engine can take a few hundred ms to answer on a loaded machine, and the process may be
    /// dead well before that) to that acknowledgement. Starts the node again and waits for a leader every node names.
    /// </summary>
    public static async Task<double> KillToNextWriteMsAsync(RaftCluster cluster, IReadOnlyList<IKvEndpoint> endpoints,
        Func<string, WorkloadOperation> write, CancellationToken ct)
    {
        var leader = await cluster.WaitForLeaderAsync(LeaderTimeout, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{cluster.Target.Name} discovers no leader");
        var killed = Stopwatch.GetTimestamp();
        await cluster.KillAsync(leader, ct).ConfigureAwait(false);
        var acks = new ConcurrentQueue<long>();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            stop.CancelAfter(LeaderTimeout);
            await WriteUntilAsync(Others(cluster, endpoints, leader), write, acks, firstAckStops: true, stop).ConfigureAwait(false);
        }
        await cluster.StartNodeAsync(leader, ct).ConfigureAwait(false);
        await cluster.WaitForLeaderAsync(LeaderTimeout, ct).ConfigureAwait(false);
        if (acks.IsEmpty)
        {
            throw new TimeoutException($"{cluster.Target.Name}: no write acknowledged within {LeaderTimeout.TotalSeconds:F0} s of killing the leader");
        }
        // Two writers can be acknowledged before the stop reaches the others: the earliest counts.
        return Stopwatch.GetElapsedTime(killed, acks.Min()).TotalMilliseconds;
    }

    /// <summary>
    /// Cuts the leader off from its peers for <see cref="IsolatedFor"/> while the others take writes, heals, and returns the
    /// longest time without an acknowledged write from the heal to <see cref="WatchedAfterHeal"/> after it (counted from
    /// the last acknowledgement before the heal). A system whose rejoining node disrupts the leader shows an election's gap.
    /// </summary>
    public static async Task<double> RejoinGapMsAsync(RaftCluster cluster, IReadOnlyList<IKvEndpoint> endpoints,
        Func<string, WorkloadOperation> write, CancellationToken ct)
    {
        var leader = await cluster.WaitForLeaderAsync(LeaderTimeout, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{cluster.Target.Name} discovers no leader");
        await cluster.PartitionAsync(Grudges.Isolate(cluster.NodeIds, leader), ct).ConfigureAwait(false);
        var acks = new ConcurrentQueue<long>();
        long healed;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var writers = WriteUntilAsync(Others(cluster, endpoints, leader), write, acks, firstAckStops: false, stop);
            try
            {
                await Task.Delay(IsolatedFor, ct).ConfigureAwait(false);
                healed = Stopwatch.GetTimestamp();
                await cluster.HealPartitionAsync(ct).ConfigureAwait(false);
                await Task.Delay(WatchedAfterHeal, ct).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await writers.ConfigureAwait(false);
            }
        }
        await cluster.WaitForLeaderAsync(LeaderTimeout, ct).ConfigureAwait(false);
        return LongestGapMs(acks, healed, cluster.Target.Name);
    }

    /// <summary>
    /// The control for <see cref="RejoinGapMsAsync"/>: the same writers on two nodes, the leader and a follower (as after a
    /// cut, when one of the two writers' nodes leads), for <see cref="WatchedAfterHeal"/> with no fault; the longest time
    /// without an acknowledged write. On a loaded machine this is far from zero, and a rejoin disrupts only by what it adds.
    /// </summary>
    public static async Task<double> QuietGapMsAsync(RaftCluster cluster, IReadOnlyList<IKvEndpoint> endpoints,
        Func<string, WorkloadOperation> write, CancellationToken ct)
    {
        var leader = await cluster.WaitForLeaderAsync(LeaderTimeout, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{cluster.Target.Name} discovers no leader");
        var acks = new ConcurrentQueue<long>();
        long from;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var ids = cluster.NodeIds.ToList();
            var leaderAndFollower = new[] { endpoints[ids.IndexOf(leader)], endpoints[ids.FindIndex(id => id != leader)] };
            var writers = WriteUntilAsync(leaderAndFollower, write, acks, firstAckStops: false, stop);
            try
            {
                // Writers settle first (connections, a first acknowledgement), as they have during a rejoin's isolation.
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                from = Stopwatch.GetTimestamp();
                await Task.Delay(WatchedAfterHeal, ct).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await writers.ConfigureAwait(false);
            }
        }
        return LongestGapMs(acks, from, cluster.Target.Name);
    }

    /// <summary>The longest time without an acknowledgement from the last one before <paramref name="from"/> to <see cref="WatchedAfterHeal"/> after it.</summary>
    private static double LongestGapMs(IEnumerable<long> acks, long from, string target)
    {
        var times = acks.Order().ToList();
        var before = times.LastOrDefault(t => t < from);
        if (before == 0)
        {
            throw new TimeoutException($"{target}: no write acknowledged before the watched window");
        }
        var end = from + (long)(WatchedAfterHeal.TotalSeconds * Stopwatch.Frequency);
        var longest = 0L;
        var previous = before;
        foreach (var t in times.Where(t => t >= from).Append(end))
        {
            longest = Math.Max(longest, t - previous);
            previous = t;
        }
        return longest * 1000.0 / Stopwatch.Frequency;
    }

    private static IReadOnlyList<IKvEndpoint> Others(RaftCluster cluster, IReadOnlyList<IKvEndpoint> endpoints, string leader) =>
        cluster.NodeIds.Select((id, i) => (id, i)).Where(n => n.id != leader).Select(n => endpoints[n.i]).ToList();

    private static async Task WriteUntilAsync(IReadOnlyList<IKvEndpoint> endpoints, Func<string, WorkloadOperation> write,
        ConcurrentQueue<long> acks, bool firstAckStops, CancellationTokenSource stop)
    {
        var writers = endpoints.SelectMany((endpoint, e) => Enumerable.Range(0, WritersPerNode).Select(w => Task.Run(async () =>
        {
            var key = "disruption-" + ((e * WritersPerNode) + w).ToString(CultureInfo.InvariantCulture);
            while (!stop.IsCancellationRequested)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                attempt.CancelAfter(AttemptDeadline);
                var outcome = await endpoint.ExecuteAsync(write(key), attempt.Token).ConfigureAwait(false);
                if (outcome.Kind == OutcomeKind.Ok && !stop.IsCancellationRequested)
                {
                    acks.Enqueue(Stopwatch.GetTimestamp());
                    if (firstAckStops)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                    continue;
                }
                try
                {
                    await Task.Delay(Pause, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped: the loop ends.
                }
            }
        }))).ToList();
        await Task.WhenAll(writers).ConfigureAwait(false);
    }
}
