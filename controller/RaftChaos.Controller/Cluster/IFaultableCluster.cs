using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// What nemeses act on: a cluster's nodes by id, their status and leader, and every fault at the cluster level. The
/// cluster keeps the wanted state (<see cref="ActiveFaults"/>) and applies it to each node that can take it. The I/O
/// seam between a fault schedule and Docker: <see cref="RaftCluster"/> in runs, an in-memory fake in unit tests.
/// </summary>
public interface IFaultableCluster
{
    /// <summary>The node ids, n1..nN, in order.</summary>
    IReadOnlyList<string> NodeIds { get; }

    /// <summary>What the system under test can take; a nemesis refuses the rest (see NemesisOptions.Validate).</summary>
    TargetCapabilities Capabilities { get; }

    /// <summary>The faults in force now.</summary>
    ActiveFaults ActiveFaults { get; }

    /// <summary>The node's own view, or null when it does not answer within <paramref name="timeout"/>.</summary>
    Task<NodeStatus?> TryStatusAsync(string nodeId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// The node that says it leads the highest term among those answering, or null (none, or no leader discovery). A
    /// partitioned old leader may still believe it leads a lower term for an election timeout: the highest term wins.
    /// </summary>
    Task<string?> LeaderAsync(CancellationToken cancellationToken);

    /// <summary>Cuts the network as <paramref name="grudge"/> says, replacing any earlier grudge.</summary>
    Task PartitionAsync(Grudge grudge, CancellationToken cancellationToken);

    /// <summary>Removes the grudge in force.</summary>
    Task HealPartitionAsync(CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="links"/> slow, lossy or duplicating (netem), replacing any earlier netem fault.</summary>
    Task NetemAsync(IReadOnlyList<NetemLink> links, CancellationToken cancellationToken);

    /// <summary>Removes the netem fault in force.</summary>
    Task HealNetemAsync(CancellationToken cancellationToken);

    /// <summary>SIGKILLs the node (its data stays).</summary>
    Task KillAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Starts a killed node again with its data; the grudge and clock in force are applied to it.</summary>
    Task StartNodeAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Freezes every process of the node.</summary>
    Task PauseAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Thaws the node.</summary>
    Task ResumeAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Sets the node's clock (a bump, an absolute start).</summary>
    Task SetClockAsync(string nodeId, ClockSkew skew, CancellationToken cancellationToken);

    /// <summary>Flips the node's clock between +<paramref name="delta"/> and real time every <paramref name="period"/> until reset.</summary>
    Task StrobeClockAsync(string nodeId, TimeSpan delta, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>Puts the node back on real time (stopping a strobe).</summary>
    Task ResetClockAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Sets the node's disk fault (null: a healthy disk), running or stopped; the node reads it at its next fsync.</summary>
    Task SetDiskFaultAsync(string nodeId, DiskFaultSpec? fault, CancellationToken cancellationToken);

    /// <summary>The voters in force on <paramref name="nodeId"/>, sorted, or null when it does not answer.</summary>
    Task<IReadOnlyList<string>?> MembersAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Asks <paramref name="viaNodeId"/> (the leader, to be accepted) to add or remove <paramref name="member"/>; answered once applied, or refused.</summary>
    Task<MembershipChangeResult> ChangeMembershipAsync(string viaNodeId, bool add, string member, CancellationToken cancellationToken);

    /// <summary>Kills the node, empties its data folder and starts it again: it comes back as a brand-new node.</summary>
    Task WipeAsync(string nodeId, CancellationToken cancellationToken);
}
