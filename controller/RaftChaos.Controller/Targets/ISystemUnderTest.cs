using RaftChaos.Controller.Checks;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Controller.Targets;

/// <summary>
/// What the bed needs from a system to chaos-test it (docs/system-under-test.md): how to run node i of n in a container,
/// when it is ready, a client with that system's ok / fail / info semantics, and optionally leader discovery, node-log
/// checks and the faults it can take. Our own node is the first implementation (<c>raftchaos</c>); the cluster, the
/// nemeses and the run ask only this.
/// </summary>
public interface ISystemUnderTest
{
    /// <summary>The target's name as <c>raftchaos run --target</c> takes it and results.json records it, e.g. <c>raftchaos</c>.</summary>
    string Name { get; }

    /// <summary>The faults this system can take; a nemesis refuses the others before any container starts.</summary>
    TargetCapabilities Capabilities { get; }

    /// <summary>The port every node listens on inside its container for clients (published on the host).</summary>
    int ClientPort { get; }

    /// <summary>
    /// The port every node listens on inside its container for its peers (the same as <see cref="ClientPort"/> when one
    /// listener serves both), or null when the target does not say: then its clusters cannot span engines, because the
    /// cluster must publish that port and name each node to its peers at its engine's host address and the published port
    /// (<see cref="ClusterLayout.PeerEndpoint"/>). Default: null.
    /// </summary>
    int? PeerPort => null;

    /// <summary>Makes sure the node image exists (building it when needed, reporting each step) and returns its tag.</summary>
    Task<string> EnsureImageAsync(Action<string> progress, CancellationToken cancellationToken);

    /// <summary>The container of node <paramref name="node"/> in <paramref name="cluster"/>: command, environment, data folder.</summary>
    NodeContainerSpec NodeContainer(NodeSlot node, ClusterLayout cluster);

    /// <summary>A workload client for one node, classifying every outcome by this system's semantics. Never retries. The caller disposes it when it is <see cref="IDisposable"/>.</summary>
    IKvEndpoint CreateClient(NodeSlot node, Uri clientAddress);

    /// <summary>
    /// A status probe of one node (its own view: role, term, leader), held by the cluster for its life. The cluster calls
    /// a node ready when its probe answers; with <see cref="TargetCapabilities.LeaderDiscovery"/> it also waits for one
    /// leader every node names. A system without leader discovery answers with no leader; then runs measure no
    /// failover and nemeses that target the leader pick a node at random.
    /// </summary>
    INodeStatusProbe CreateStatusProbe(NodeSlot node, Uri clientAddress);

    /// <summary>
    /// The membership administration of one node (held by the cluster for its life), or null for a system that cannot
    /// change its membership at run time (then it must not claim <see cref="TargetCapabilities.Membership"/>).
    /// </summary>
    INodeMembership? CreateMembership(NodeSlot node, Uri clientAddress) => null;

    /// <summary>Checks read from the collected node logs after a run (e.g. election safety). Empty: the history alone decides.</summary>
    IReadOnlyList<INodeLogCheck> NodeLogChecks { get; }
}
