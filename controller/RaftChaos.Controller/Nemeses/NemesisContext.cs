using System.Collections.Concurrent;
using RaftChaos.Checker.History;
using RaftChaos.Controller.Cluster;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// What a nemesis acts on and reports to: the cluster (through <see cref="IFaultableCluster"/>, so a schedule can run
/// against an in-memory fake), the one seeded random of the run's nemesis schedule, and the
/// history recorder shared with the clients (so fault events sit on the same clock as the operations).
/// </summary>
public sealed class NemesisContext(IFaultableCluster cluster, Random random, HistoryRecorder recorder)
{
    /// <summary>The cluster the faults are applied to.</summary>
    public IFaultableCluster Cluster { get; } = cluster ?? throw new ArgumentNullException(nameof(cluster));

    /// <summary>Every random choice of every nemesis (derived from the run seed; used from one schedule task only).</summary>
    public Random Random { get; } = random;

    /// <summary>The history recorder.</summary>
    public HistoryRecorder Recorder { get; } = recorder;

    /// <summary>Kills that hit the node leading at the time (for the failover figures), in order.</summary>
    public ConcurrentQueue<LeaderKill> LeaderKills { get; } = new();

    /// <summary>Records a nemesis event (<c>"process":"nemesis"</c>, type info) and returns its history time (ns).</summary>
    public long Record(string f, HistoryValue value) => Recorder.RecordNemesis(f, value).Time;

    /// <summary>A history value listing node ids, e.g. <c>["n1","n3"]</c>.</summary>
    public static HistoryValue Nodes(IEnumerable<string> ids) => HistoryValue.ListOf([.. ids.Order(StringComparer.Ordinal).Select(HistoryValue.Of)]);
}
