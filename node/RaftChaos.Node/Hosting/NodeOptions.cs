using RaftChaos.Node.Client;

namespace RaftChaos.Node.Hosting;

/// <summary>The node's configuration, from flags and environment variables (see <see cref="NodeOptionsParser"/>).</summary>
internal sealed class NodeOptions
{
    /// <summary>This node's id (<c>--id</c>, <c>RAFTCHAOS_ID</c>). Default <c>n1</c>, so one node runs without flags.</summary>
    public string Id { get; init; } = "n1";

    /// <summary>The other members (<c>--peers</c>); this node's own entry is removed. Empty = a single-node cluster.</summary>
    public IReadOnlyList<PeerSpec> Peers { get; init; } = [];

    /// <summary>Where the gRPC server listens (<c>--listen</c>). Default 0.0.0.0:5000.</summary>
    public NodeAddress Listen { get; init; } = new("0.0.0.0", 5000);

    /// <summary>The address others reach this node at: its own entry in <c>--peers</c>, else <see cref="Listen"/>.</summary>
    public NodeAddress Advertise { get; init; } = new("127.0.0.1", 5000);

    /// <summary>Directory of the write-ahead log and snapshots (<c>--data-dir</c>). Default <c>./data</c>.</summary>
    public string DataDir { get; init; } = "data";

    /// <summary>Length of one Raft tick (<c>--tick-ms</c>). Default 20 ms.</summary>
    public int TickMs { get; init; } = 20;

    /// <summary>Election timeout in ticks (<c>--election-ticks</c>), randomized by the core in [n, 2n). Default 10
    /// (200–400 ms), so a dead leader is replaced in well under half a second.</summary>
    public int ElectionTicks { get; init; } = 10;

    /// <summary>Heartbeat interval in ticks (<c>--heartbeat-ticks</c>). Default 2 (40 ms).</summary>
    public int HeartbeatTicks { get; init; } = 2;

    /// <summary>Active bug switches (<c>--unsafe</c>, repeatable or comma-separated). Default none.</summary>
    public IReadOnlySet<string> Unsafe { get; init; } = new HashSet<string>();

    /// <summary>Largest value accepted (<c>--max-value-bytes</c>). Default 1 MiB.</summary>
    public int MaxValueBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest key accepted, in UTF-8 bytes. Fixed by the API contract.</summary>
    public int MaxKeyBytes => 256;

    /// <summary>Take a snapshot and compact the log every this many applied entries (<c>--snapshot-entries</c>).
    /// Default 10,000.</summary>
    public int SnapshotEntries { get; init; } = 10_000;

    /// <summary>
    /// The crash failpoint (<c>--failpoint NAME=P</c>, see <see cref="FailpointSpec"/>): the node SIGKILLs itself at one
    /// place in its loop. Null (default) = off. For chaos runs only.
    /// </summary>
    public FailpointSpec? Failpoint { get; init; }

    /// <summary>
    /// When set (<c>--failpoint-file</c>), the failpoint fires only while this file exists, so a test bed can arm it for
    /// the faulty phase and disarm it to heal. Default: none (armed for the process's life).
    /// </summary>
    public string? FailpointFile { get; init; }

    /// <summary>Seed of the failpoints' coin flips (<c>--failpoint-seed</c>). Default 0.</summary>
    public int FailpointSeed { get; init; }

    /// <summary>
    /// When set (<c>--disk-fault-file</c>), the node reads this file before each fsync of its log and injects the disk
    /// fault it names (see <see cref="DiskFaultSpec"/>), so a test bed can stall or fail the disk at run time. Default:
    /// none (a healthy disk). For chaos runs only.
    /// </summary>
    public string? DiskFaultFile { get; init; }

    /// <summary>Run as a health probe (<c>--health-probe</c>): call Status on the local node, exit 0 if it answers.</summary>
    public bool HealthProbe { get; init; }

    /// <summary>Whether <paramref name="name"/> (see <see cref="UnsafeSwitch"/>) is on.</summary>
    public bool IsUnsafe(string name) => Unsafe.Contains(name);
}
