using System.Globalization;
using RaftChaos.Controller.Checks;
using RaftChaos.Controller.Images;
using RaftChaos.Node.Client;
using RaftChaos.Raft;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Controller.Targets;

/// <summary>
/// Our own node (node/, image <c>raftchaos/node:HASH</c>) as a system under test: the first target and the worked
/// example of docs/system-under-test.md. Every fault (disk faults and membership changes included); election,
/// state-machine and membership safety read from its logfmt logs.
/// <code>
/// var target = new RaftChaosTarget(new RaftChaosTargetOptions { Unsafe = UnsafeBug.StaleReads });
/// await using var cluster = await RaftCluster.StartAsync(new ClusterOptions { Nodes = 3, Target = target }, ct);
/// </code>
/// </summary>
public sealed class RaftChaosTarget : ISystemUnderTest
{
    /// <summary>The name <c>--target</c> takes.</summary>
    public const string TargetName = "raftchaos";

    /// <summary>The node's client and peer port inside its container (node/Dockerfile's EXPOSE).</summary>
    public const int NodePort = 5000;

    /// <summary>Where the nodes look for the failpoint's arm file (<c>--failpoint-file</c>); outside the data volume.</summary>
    public const string FailpointArmFile = "/etc/raftchaos/failpoint-armed";

    /// <summary>Where the nodes read their disk fault (<c>--disk-fault-file</c>); outside the data volume, so a wiped disk keeps no fault.</summary>
    public const string DiskFaultFile = "/etc/raftchaos/disk-fault";

    /// <summary>The node's executable in the image (its entrypoint, node/Dockerfile).</summary>
    private const string NodeBinary = "/opt/raftchaos/RaftChaos.Node";

    /// <summary>Where the supervisor writes the node process's pid (the container's /tmp belongs to it).</summary>
    private const string NodePidFile = "/tmp/raftchaos-node.pid";

    /// <summary>
    /// The entrypoint under failpoints or clock faults (<c>sh -c</c>, the node's arguments as <c>$@</c>): runs the node,
    /// starts it again when it died of SIGKILL (status 137: a failpoint crash, or the controller healing a clock rate)
    /// and logs that; any other exit ends the container with the node's status. SIGTERM is passed on so a stop is still
    /// a clean stop.
    /// </summary>
    private const string Supervisor =
        "trap 'kill -TERM \"$child\" 2>/dev/null; wait \"$child\"; exit 143' TERM INT; " +
        "while :; do " + NodeBinary + " \"$@\" & child=$!; echo \"$child\" > " + NodePidFile + "; wait \"$child\"; status=$?; " +
        "[ \"$status\" -eq 137 ] || exit \"$status\"; " +
        "echo 'level=warn event=NodeRestarted reason=sigkill msg=\"the node died of SIGKILL (a failpoint or a clock-rate heal); the supervisor starts it again\"'; " +
        "done";

    /// <summary>
    /// SIGKILLs the node process so the supervisor starts it again, and waits (up to 10 s) until the new one runs: a new
    /// process reads the clock file afresh, the one way back from a libfaketime rate to real time exactly.
    /// </summary>
    private static readonly IReadOnlyList<string> RestartNodeProcess =
        ["sh", "-c", "old=$(cat " + NodePidFile + ") && kill -KILL \"$old\" && for i in $(seq 100); do " +
         "new=$(cat " + NodePidFile + " 2>/dev/null); [ -n \"$new\" ] && [ \"$new\" != \"$old\" ] && kill -0 \"$new\" 2>/dev/null && exit 0; sleep 0.1; done; " +
         "echo 'the supervisor did not start the node again within 10 s' >&2; exit 70"];

    // Written as root through docker exec; the node (user raftchaos) only reads whether the file exists.
    private static readonly FailpointSwitch ArmFileSwitch = new(
        ["sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && touch \"$1\"", "sh", FailpointArmFile],
        ["rm", "-f", FailpointArmFile]);

    /// <summary>Our node with <paramref name="options"/> (default: no bug switch, no failpoint, the node's own timings).</summary>
    public RaftChaosTarget(RaftChaosTargetOptions? options = null)
    {
        Options = options ?? new RaftChaosTargetOptions();
        Options.Validate();
    }

    /// <summary>The settings this target was made with.</summary>
    public RaftChaosTargetOptions Options { get; }

    /// <inheritdoc />
    public string Name => TargetName;

    /// <inheritdoc />
    public TargetCapabilities Capabilities =>
        TargetCapabilities.Kill | TargetCapabilities.Pause | TargetCapabilities.Clock | TargetCapabilities.LeaderDiscovery | TargetCapabilities.Failpoints
        | TargetCapabilities.Disk | TargetCapabilities.Membership;

    /// <inheritdoc />
    public int ClientPort => NodePort;

    /// <inheritdoc />
    /// <remarks>One gRPC listener serves clients and peers.</remarks>
    public int? PeerPort => NodePort;

    /// <inheritdoc />
    public IReadOnlyList<INodeLogCheck> NodeLogChecks { get; } = [new ElectionSafetyCheck(), new StateMachineSafetyCheck(), new MembershipSafetyCheck()];

    /// <inheritdoc />
    public async Task<string> EnsureImageAsync(Action<string> progress, CancellationToken cancellationToken)
        => Options.Image ?? await NodeImage.EnsureAsync(Options.ImageOptions, progress, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public NodeContainerSpec NodeContainer(NodeSlot node, ClusterLayout cluster)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(cluster);
        var ci = CultureInfo.InvariantCulture;
        var peers = string.Join(",", cluster.Nodes.Select(n => $"{n.Node.Id}={cluster.PeerEndpoint(n.Node.Index, NodePort)}"));
        var command = new List<string> { "--id", node.Id, "--peers", peers, "--listen", $"0.0.0.0:{NodePort}", "--data-dir", "/data", "--disk-fault-file", DiskFaultFile };
        if (Options.Unsafe != UnsafeBug.None) command.AddRange(["--unsafe", Options.Unsafe.ToName()]);
        if (Options.TickMs is { } tick) command.AddRange(["--tick-ms", tick.ToString(ci)]);
        if (Options.ElectionTicks is { } election) command.AddRange(["--election-ticks", election.ToString(ci)]);
        if (Options.HeartbeatTicks is { } heartbeat) command.AddRange(["--heartbeat-ticks", heartbeat.ToString(ci)]);
        if (Options.Failpoint is { } failpoint)
            command.AddRange(["--failpoint", failpoint.ToString(), "--failpoint-seed", (cluster.Seed + node.Index).ToString(ci), "--failpoint-file", FailpointArmFile]);
        var environment = cluster.Faketime?.ContainerEnvironment() ?? new Dictionary<string, string>();
        // A node that crashes itself at a failpoint comes back like a supervised process: the supervisor loop starts it
        // again at once, in the same container, so its network namespace (with the partition rules of its helper) and
        // its clock file stay in force (an engine restart would make a new namespace and add a back-off doubling per
        // quick crash: 2.6 s, then 5 s, measured). The engine's init (tini) runs as PID 1 so the node is an ordinary
        // process: the kernel ignores a SIGKILL that a namespace's PID 1 sends itself. The restart policy only covers
        // the supervisor itself failing; without failpoints a crash stays down.
        // Under clock faults the supervisor also lets the controller start the node process again, which is how a clock
        // rate is healed exactly (compose/README.md, "Clock rates").
        var supervised = Options.Failpoint is not null || cluster.Faketime is not null;
        return new NodeContainerSpec(
            cluster.Image,
            command,
            environment,
            "/data",
            Entrypoint: supervised ? ["/bin/sh", "-c", Supervisor, "raftchaos-supervisor"] : null,
            Init: supervised,
            RestartOnFailure: Options.Failpoint is not null,
            Failpoints: Options.Failpoint is not null ? ArmFileSwitch : null,
            RestartProcess: supervised ? RestartNodeProcess : null,
            DiskFaultFile: DiskFaultFile);
    }

    /// <inheritdoc />
    public IKvEndpoint CreateClient(NodeSlot node, Uri clientAddress)
    {
        ArgumentNullException.ThrowIfNull(node);
        return GrpcKvEndpoint.Connect(Address(clientAddress), node.Id);
    }

    /// <inheritdoc />
    public INodeStatusProbe CreateStatusProbe(NodeSlot node, Uri clientAddress) => new RaftChaosStatusProbe(Address(clientAddress));

    /// <inheritdoc />
    public INodeMembership? CreateMembership(NodeSlot node, Uri clientAddress) => new RaftChaosMembership(Address(clientAddress));

    /// <inheritdoc />
    public override string ToString() => Options.Unsafe == UnsafeBug.None && Options.Failpoint is null
        ? Name
        : $"{Name} (unsafe {Options.Unsafe.ToName()}, failpoint {Options.Failpoint?.ToString() ?? "none"})";

    private static NodeAddress Address(Uri clientAddress)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        return new NodeAddress(clientAddress.Host, clientAddress.Port);
    }
}
