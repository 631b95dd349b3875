namespace RaftChaos.Runs;

/// <summary>
/// The flags of <c>raftchaos run</c>, spelled once: the CLI declares its options with these names,
/// <see cref="RunConfiguration.ToArguments"/> writes replay commands and the nightly's run commands with them.
/// </summary>
public static class RunFlags
{
    /// <summary>The system under test.</summary>
    public const string Target = "--target";
    /// <summary>Cluster size.</summary>
    public const string Nodes = "--nodes";
    /// <summary>register or kv.</summary>
    public const string Workload = "--workload";
    /// <summary>Keys of the kv workload.</summary>
    public const string Keys = "--keys";

    /// <summary>How many distinct values writes draw from (0 .. N-1).</summary>
    public const string Values = "--values";
    /// <summary>none, all, or a comma-separated list of fault kinds.</summary>
    public const string Nemesis = "--nemesis";
    /// <summary>Time between fault starts.</summary>
    public const string NemesisInterval = "--nemesis-interval";
    /// <summary>Length of the main phase.</summary>
    public const string TimeLimit = "--time-limit";
    /// <summary>Logical client processes.</summary>
    public const string Concurrency = "--concurrency";
    /// <summary>Operations per second over all processes.</summary>
    public const string Rate = "--rate";
    /// <summary>Per-operation timeout.</summary>
    public const string Timeout = "--timeout";
    /// <summary>The run's seed.</summary>
    public const string Seed = "--seed";
    /// <summary>Node bug switches.</summary>
    public const string Unsafe = "--unsafe";
    /// <summary>A node failpoint, NAME=P.</summary>
    public const string Failpoint = "--failpoint";
    /// <summary>The store folder.</summary>
    public const string Store = "--store";
    /// <summary>The test name (the store sub-folder).</summary>
    public const string Name = "--name";
    /// <summary>Send a write refused with not-leader once more to the leader it names (the default).</summary>
    public const string FollowLeader = "--follow-leader";
    /// <summary>Send every operation to its process's node only.</summary>
    public const string NoFollowLeader = "--no-follow-leader";
    /// <summary>The Docker engines to run on (DOCKER_HOST-style, comma-separated); where, not what: never in a replay command.</summary>
    public const string Engines = "--engines";
}
