using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Targets;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// Samples every node's Status every <see cref="Period"/> during the main phase, to measure how long the cluster had no
/// leader and how many terms it went through. A sample "has a leader" when a node says it leads term T and a majority
/// of the nodes (itself included) name it as leader in T: an isolated old leader that still believes in itself does
/// not count, since it can acknowledge nothing.
/// </summary>
public sealed class LeaderPoller(IFaultableCluster cluster, HistoryRecorder recorder)
{
    /// <summary>Time between samples. 100 ms.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Deadline of each Status call. 500 ms: on a loaded machine a healthy node can take longer than a period to answer,
    /// and a missing answer must mean "down", not "slow"; a frozen node costs one such wait per sample.
    /// </summary>
    public static readonly TimeSpan StatusDeadline = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<ulong> _leaderTerms = [];
    private long _withoutLeaderNs;
    private ulong _firstTerm;
    private ulong _lastTerm;
    private int _samples;

    /// <summary>Total time of samples without an agreed leader.</summary>
    public TimeSpan TimeWithoutLeader => TimeSpan.FromTicks(Interlocked.Read(ref _withoutLeaderNs) / 100);

    /// <summary>Terms the cluster went through while polled (last seen − first seen + 1).</summary>
    public ulong Terms => _samples == 0 ? 0 : _lastTerm - _firstTerm + 1;

    /// <summary>Distinct terms that had an agreed leader.</summary>
    public int LeaderTerms { get { lock (_leaderTerms) return _leaderTerms.Count; } }

    /// <summary>Samples until cancelled (then returns; never throws for the cancellation).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var majority = (cluster.NodeIds.Count / 2) + 1;
        var last = recorder.ElapsedNanoseconds;
        while (!cancellationToken.IsCancellationRequested)
        {
            var statuses = await Task.WhenAll(cluster.NodeIds.Select(n => cluster.TryStatusAsync(n, StatusDeadline, CancellationToken.None))).ConfigureAwait(false);
            var answered = statuses.OfType<NodeStatus>().ToList();
            var hasLeader = answered.Where(s => s.IsLeader)
                .Any(l => answered.Count(s => s.Term == l.Term && s.LeaderId == l.Id) >= majority);
            var now = recorder.ElapsedNanoseconds;
            if (!hasLeader) Interlocked.Add(ref _withoutLeaderNs, now - last);
            last = now;
            if (answered.Count > 0)
            {
                var term = answered.Max(s => s.Term);
                if (_samples++ == 0) _firstTerm = term;
                _lastTerm = Math.Max(_lastTerm, term);
                if (hasLeader) lock (_leaderTerms) _leaderTerms.Add(answered.Where(s => s.IsLeader).Max(s => s.Term));
            }
            try
            {
                await Task.Delay(Period, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
