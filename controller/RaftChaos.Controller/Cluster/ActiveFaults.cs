using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Cluster;

/// <summary>The faults a cluster holds in force now (its wanted state; a node that comes back gets it again).</summary>
/// <param name="Partition">The grudge in force, or null.</param>
/// <param name="Killed">Ids of the nodes killed and not started again.</param>
/// <param name="Paused">Ids of the paused nodes.</param>
/// <param name="Clocks">Nodes whose clock is not real time (strobing ones included), with the skew last written.</param>
/// <param name="Netem">The slow or lossy links in force (empty or null: none).</param>
public sealed record ActiveFaults(
    Grudge? Partition,
    IReadOnlySet<string> Killed,
    IReadOnlySet<string> Paused,
    IReadOnlyDictionary<string, ClockSkew> Clocks,
    IReadOnlyList<NetemLink>? Netem = null)
{
    /// <summary>Nothing in force.</summary>
    public static ActiveFaults None { get; } = new(null, new HashSet<string>(), new HashSet<string>(), new Dictionary<string, ClockSkew>());

    /// <summary>True when nothing is in force.</summary>
    public bool IsEmpty => Partition is null && Killed.Count == 0 && Paused.Count == 0 && Clocks.Count == 0 && (Netem is null || Netem.Count == 0);
}
