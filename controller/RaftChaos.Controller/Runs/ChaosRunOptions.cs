using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Store;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;
using RaftChaos.Runs;
using RaftChaos.Raft;
using RaftChaos.Workloads;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// Everything a chaos run needs (<c>raftchaos run</c>'s flags). Immutable: copy with <c>with</c>; the run never writes into
/// its caller's options. Defaults documented per property.
/// </summary>
public sealed record ChaosRunOptions
{
    /// <summary>Nodes in the cluster. Default: 5.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary>Length of the main phase (workload and faults). Default: 60 s.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The workload (name, rate, concurrency, timeout); its seed is overwritten with <see cref="Seed"/>. Default: register, 100/s, 10, 2 s.</summary>
    public WorkloadOptions Workload { get; init; } = new();

    /// <summary>The fault schedule. Default: no faults.</summary>
    public NemesisOptions Nemesis { get; init; } = new();

    /// <summary>The one seed of the run: workload streams and the nemesis schedule derive from it. Default: 0 (the CLI draws one).</summary>
    public int Seed { get; init; }

    /// <summary>--unsafe bug switches for every node (<see cref="UnsafeBugNames"/> parses the flag). Default: none.</summary>
    public UnsafeBug Unsafe { get; init; }

    /// <summary>A node failpoint for every node (<c>--failpoint NAME=P</c>, parsed by <see cref="FailpointSpec.TryParse"/>). Default: none.</summary>
    public FailpointSpec? Failpoint { get; init; }

    /// <summary>The store folder. Default: "store" (relative to the current directory).</summary>
    public string StoreRoot { get; init; } = "store";

    /// <summary>The test name (the store sub-folder). Default: null, meaning "WORKLOAD-NEMESES" (e.g. register-all).</summary>
    public string? Name { get; init; }

    /// <summary>Time the checker may take; past it the verdict is unknown. Default: 60 s.</summary>
    public TimeSpan CheckTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed after healing for a leader every node knows and for followers to catch up. Default: 30 s.</summary>
    public TimeSpan HealTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cluster settings beyond Nodes, Target and Seed (timeouts, run id), which the run sets. Default: <see cref="ClusterOptions"/>'s.</summary>
    public ClusterOptions Cluster { get; init; } = new();

    /// <summary>
    /// The system under test (<c>--target</c>; results.json records its <see cref="ISystemUnderTest.Name"/>). Default: our
    /// own node. <see cref="Unsafe"/> and <see cref="Failpoint"/> are that node's switches, applied to it by <see cref="EffectiveTarget"/>.
    /// </summary>
    public ISystemUnderTest Target { get; init; } = new RaftChaosTarget();

    /// <summary>
    /// The target the run starts: <see cref="Target"/>, with <see cref="Unsafe"/> and <see cref="Failpoint"/> applied
    /// when it is our node (<see cref="Validate"/> refuses them for any other target).
    /// </summary>
    public ISystemUnderTest EffectiveTarget => Target is RaftChaosTarget node && HasNodeSwitches
        ? new RaftChaosTarget(node.Options with { Unsafe = node.Options.Unsafe | Unsafe, Failpoint = Failpoint ?? node.Options.Failpoint })
        : Target;

    private bool HasNodeSwitches => Unsafe != UnsafeBug.None || Failpoint is not null;

    /// <summary>The test name in use.</summary>
    public string EffectiveName => Name ?? $"{Workload.Workload}-{NemesisLabel}";

    /// <summary>"none", "all", or the kinds joined by "-" (usable in a folder name).</summary>
    public string NemesisLabel => NemesisText("-");

    // "none", "all", or the kinds joined by the separator: "-" for folder names, "," as --nemesis takes them.
    private string NemesisText(string separator) => Nemesis.Kinds.Count == 0 ? "none"
        : Nemesis.Kinds.Count == NemesisOptions.KindNames.Count ? "all" : string.Join(separator, Nemesis.Kinds);

    /// <summary>These settings as <c>raftchaos run</c> flags take them: what results.json records and the replay command repeats.</summary>
    public RunConfiguration ToConfiguration() => new()
    {
        Target = Target.Name,
        Nodes = Nodes,
        Workload = Workload.Workload,
        Keys = Workload.KeyCount,
        Values = Workload.ValueCount,
        Nemesis = NemesisText(","),
        NemesisIntervalSeconds = Nemesis.Interval.TotalSeconds,
        TimeLimitSeconds = TimeLimit.TotalSeconds,
        Concurrency = Workload.Concurrency,
        Rate = Workload.Rate,
        TimeoutMs = Workload.Timeout.TotalMilliseconds,
        FollowLeader = Workload.FollowLeader,
        Unsafe = Unsafe == UnsafeBug.None ? [] : Unsafe.ToName().Split(','),
        Failpoint = Failpoint?.ToString(),
        Seed = Seed,
    };

    /// <summary>Every problem, as sentences naming the flag; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Nodes is < 1 or > 9) errors.Add($"--nodes must be from 1 to 9; got {Nodes}");
        if (TimeLimit < TimeSpan.FromSeconds(1)) errors.Add($"--time-limit must be at least 1 s; got {TimeLimit.TotalSeconds} s");
        errors.AddRange(Workload.Validate());
        errors.AddRange(Nemesis.Validate());
        if (HasNodeSwitches && Target is not RaftChaosTarget)
            errors.Add($"--unsafe and --failpoint are switches of target {RaftChaosTarget.TargetName}; target '{Target.Name}' has none");
        errors.AddRange(Nemesis.ValidateFor(Target));
        if (Cluster.SpansEngines)
        {
            if (Target.PeerPort is null)
                errors.Add($"--engines: target '{Target.Name}' names no peer port, so its nodes cannot be told where peers on another engine listen; give one engine");
            if (Nemesis.Kinds.Contains("netem"))
                errors.Add("--nemesis netem: not on a cluster that spans engines (its rules match a peer by address alone, which several nodes share there); give one engine or leave netem out");
            if (Nodes < Cluster.Engines.Count)
                errors.Add($"--engines: {Nodes} node(s) cannot span {Cluster.Engines.Count} engines; give at least one node per engine");
        }
        try
        {
            RunStore.ValidateName(EffectiveName);
        }
        catch (ArgumentException ex)
        {
            errors.Add("--name: " + ex.Message);
        }
        if (CheckTimeLimit <= TimeSpan.Zero) errors.Add("the check time limit must be positive");
        return errors;
    }
}
