using System.Globalization;
using RaftChaos.Controller.Checks;
using RaftChaos.Controller.Images;
using RaftChaos.Etcd.Client;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Controller.Targets;

/// <summary>
/// etcd 3.4 (Debian's etcd-server 3.4.23, image <c>raftchaos/etcd:3.4</c>) as a system under test: a static
/// <c>--initial-cluster</c> of every member, data on the node's volume, clients on the v3 gRPC API
/// (<see cref="EtcdKvEndpoint"/>), status from Maintenance.Status, election safety read from etcd's own log lines.
/// Partitions, kills and pauses apply; clock faults do not (etcd is a Go program: it reads the clock through the vDSO,
/// not libc, so libfaketime changes nothing), so the nemesis refuses <c>clock</c> and <c>slow-leader</c> for it.
/// <code>
/// await using var cluster = await RaftCluster.StartAsync(new ClusterOptions { Nodes = 3, Target = new EtcdTarget() }, ct);
/// </code>
/// </summary>
public sealed class EtcdTarget : ISystemUnderTest
{
    /// <summary>The name <c>--target</c> takes.</summary>
    public const string TargetName = "etcd";

    /// <summary>etcd's client port (gRPC and HTTP on one listener).</summary>
    public const int EtcdClientPort = 2379;

    /// <summary>etcd's peer port (raft traffic between members).</summary>
    public const int EtcdPeerPort = 2380;

    /// <summary>The volume the cluster mounts; etcd's data directory is a folder inside it (etcd wants a 0700 folder it creates itself).</summary>
    public const string DataVolume = "/var/lib/etcd";

    /// <summary>etcd with <paramref name="options"/> (default: heartbeat 50 ms, election timeout 500 ms, no pre-vote).</summary>
    public EtcdTarget(EtcdTargetOptions? options = null)
    {
        Options = options ?? new EtcdTargetOptions();
        Options.Validate();
    }

    /// <summary>The settings this target was made with.</summary>
    public EtcdTargetOptions Options { get; }

    /// <inheritdoc />
    public string Name => TargetName;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => TargetCapabilities.Kill | TargetCapabilities.Pause | TargetCapabilities.LeaderDiscovery | TargetCapabilities.Append;

    /// <inheritdoc />
    public int ClientPort => EtcdClientPort;

    /// <inheritdoc />
    public int? PeerPort => EtcdPeerPort;

    /// <inheritdoc />
    public IReadOnlyList<INodeLogCheck> NodeLogChecks { get; } = [new ElectionSafetyCheck(EtcdLeaderLines.TryParse)];

    /// <inheritdoc />
    public async Task<string> EnsureImageAsync(Action<string> progress, CancellationToken cancellationToken)
        => Options.Image ?? await EtcdImage.EnsureAsync(Options.RepositoryRoot, force: false, progress, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public NodeContainerSpec NodeContainer(NodeSlot node, ClusterLayout cluster)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(cluster);
        var ci = CultureInfo.InvariantCulture;
        var self = cluster.Nodes[node.Index].Address;
        // On a cluster that spans engines a member is advertised at its engine's host address and published peer port.
        var members = string.Join(",", cluster.Nodes.Select(n => $"{n.Node.Id}=http://{cluster.PeerEndpoint(n.Node.Index, EtcdPeerPort)}"));
        var command = new List<string>
        {
            "--name", node.Id,
            "--data-dir", DataVolume + "/data",
            "--listen-client-urls", $"http://0.0.0.0:{EtcdClientPort}",
            "--advertise-client-urls", $"http://{self}:{EtcdClientPort}",
            "--listen-peer-urls", $"http://0.0.0.0:{EtcdPeerPort}",
            "--initial-advertise-peer-urls", $"http://{cluster.PeerEndpoint(node.Index, EtcdPeerPort)}",
            "--initial-cluster", members,
            "--initial-cluster-state", "new",
            // The run id keeps members of two runs from ever taking each other for one cluster.
            "--initial-cluster-token", cluster.RunId,
            "--heartbeat-interval", Options.HeartbeatIntervalMs.ToString(ci),
            "--election-timeout", Options.ElectionTimeoutMs.ToString(ci),
            // JSON lines on stderr: the election safety check reads raft's "elected leader ... at term N" from them.
            "--logger", "zap",
            "--log-outputs", "stderr",
        };
        if (Options.PreVote) command.Add("--pre-vote");
        return new NodeContainerSpec(cluster.Image, command, new Dictionary<string, string>(), DataVolume);
    }

    /// <inheritdoc />
    public IKvEndpoint CreateClient(NodeSlot node, Uri clientAddress)
    {
        ArgumentNullException.ThrowIfNull(node);
        return EtcdKvEndpoint.Connect(Address(clientAddress), node.Id);
    }

    /// <inheritdoc />
    public INodeStatusProbe CreateStatusProbe(NodeSlot node, Uri clientAddress)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new EtcdStatusProbe(node.Id, Address(clientAddress));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} (heartbeat {Options.HeartbeatIntervalMs} ms, election timeout {Options.ElectionTimeoutMs} ms{(Options.PreVote ? ", pre-vote" : "")})");

    private static NodeAddress Address(Uri clientAddress)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        return new NodeAddress(clientAddress.Host, clientAddress.Port);
    }
}
