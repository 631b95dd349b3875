using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Labels;
using RaftChaos.Raft;

namespace RaftChaos.Controller.Cluster;

/// <summary>Settings of <see cref="RaftCluster.StartAsync"/>. Plain properties with documented defaults; validated once.</summary>
public sealed class ClusterOptions
{
    /// <summary>The bug switches the node accepts with --unsafe (the Raft core's list of names).</summary>
    public static IReadOnlyList<string> UnsafeSwitches => UnsafeBugNames.All;

    /// <summary>Number of nodes, n1..nN. Default: 3. From 1 to 9.</summary>
    public int Nodes { get; set; } = 3;

    /// <summary>Bug switches passed to every node as <c>--unsafe</c> (see <see cref="UnsafeSwitches"/>). Default: none.</summary>
    public IReadOnlyList<string> Unsafe { get; set; } = [];

    /// <summary>
    /// A node failpoint passed to every node as <c>--failpoint</c>, e.g. <c>crash-after-vote=0.5</c> or
    /// <c>crash-before-first-append=0.9</c> (the node SIGKILLs itself at that place; see FailpointSpec). Each node then
    /// runs under a supervisor in its container that starts it again at once after a SIGKILL. Default: none.
    /// </summary>
    public string? Failpoint { get; set; }

    /// <summary>Seed of the failpoint's coin flips; node i gets <c>FailpointSeed + i</c>. Default: 0.</summary>
    public int FailpointSeed { get; set; }

    /// <summary>The run id every container and the network are labelled with. Default: null, a fresh one.</summary>
    public string? RunId { get; set; }

    /// <summary>The node image. Default: null, meaning <see cref="NodeImage.EnsureAsync"/> (built when the sources changed).</summary>
    public string? Image { get; set; }

    /// <summary>How the image is found or built when <see cref="Image"/> is null. Default: <see cref="NodeImageOptions"/>'s.</summary>
    public NodeImageOptions ImageOptions { get; set; } = new();

    /// <summary>The node's --tick-ms. Default: null, the node's own default (20 ms).</summary>
    public int? TickMs { get; set; }

    /// <summary>The node's --election-ticks. Default: null, the node's own default (10).</summary>
    public int? ElectionTicks { get; set; }

    /// <summary>The node's --heartbeat-ticks. Default: null, the node's own default (2).</summary>
    public int? HeartbeatTicks { get; set; }

    /// <summary>Time allowed from container start to an elected leader every node knows. Default: 60 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline of one Status call. Default: 1 s (a paused or partitioned node must not stall the poller).</summary>
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Run the node processes under libfaketime so clock faults can be applied. Default: true. A run without the clock
    /// nemesis turns it off: the preload costs each node process about 1.4 s of start-up (1.6 s → 2.9 s to a single-node
    /// leader, measured here) and every clock read goes through the library.
    /// </summary>
    public bool ClockFaults { get; set; } = true;

    /// <summary>libfaketime settings for the clock faults; the containers are created with its environment. Default: its defaults.</summary>
    public FaketimeOptions Faketime { get; set; } = new();

    /// <summary>
    /// Before starting, remove what crashed controllers on this host left (runs whose controller process is gone, see
    /// <see cref="StaleRunReaper"/>). Runs of live controllers, including other users' tests, are never touched. Default: true.
    /// </summary>
    public bool ReapStaleRuns { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Nodes is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "must be from 1 to 9");
        foreach (var bug in Unsafe)
        {
            if (!UnsafeSwitches.Contains(bug, StringComparer.Ordinal))
                throw new ArgumentException($"unknown unsafe switch '{bug}'; one of {string.Join(", ", UnsafeSwitches)}", nameof(Unsafe));
        }
        if (RunId is not null) RunLabels.ValidateRunId(RunId);
        if (TickMs is < 1) throw new ArgumentOutOfRangeException(nameof(TickMs), TickMs, "must be positive");
        if (ElectionTicks is < 1) throw new ArgumentOutOfRangeException(nameof(ElectionTicks), ElectionTicks, "must be positive");
        if (HeartbeatTicks is < 1) throw new ArgumentOutOfRangeException(nameof(HeartbeatTicks), HeartbeatTicks, "must be positive");
        if (StartTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "must be positive");
        if (StatusTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StatusTimeout), StatusTimeout, "must be positive");
        Faketime.Validate();
    }
}
