using RaftChaos.Checker;
using RaftChaos.Checker.Composition;

namespace RaftChaos.Runs;

/// <summary>
/// Everything a finished chaos run decided and measured: the one type behind a run folder's <c>results.json</c>
/// (<see cref="RunRecordFile"/> saves and loads it; docs/results-json.md and docs/results.schema.json describe the file).
/// The controller makes it once, in memory; the report, the nightly and <c>raftchaos report</c> read it, nobody checks
/// the history again to learn what the run already knows.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The version of this shape: 2 (version 1 had no <c>schema</c> field and a node-log check object per check).</summary>
    public int Schema { get; init; } = RunRecordFile.CurrentSchema;

    /// <summary>The test's name (the store sub-folder), e.g. <c>register-all</c>.</summary>
    public required string TestName { get; init; }

    /// <summary>Every check together (<see cref="ComposedVerdict"/>): invalid &gt; unknown &gt; valid.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The checker model of the history, e.g. <c>cas-register</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The run's settings; with <see cref="RunConfiguration.ToArguments"/> they replay it.</summary>
    public required RunConfiguration Configuration { get; init; }

    /// <summary>The command that replays the run (<see cref="RunConfiguration.ReplayCommand"/> at the time of the run).</summary>
    public required string ReplayCommand { get; init; }

    /// <summary>The run id on every container and network of the run.</summary>
    public string? RunId { get; init; }

    /// <summary>The host's wall clock at history time 0: places node log lines (engine timestamps) on the history's clock.</summary>
    public DateTimeOffset? HistoryOrigin { get; init; }

    /// <summary>Every check: linearizability of the history first, then each node-log check of the target.</summary>
    public IReadOnlyList<CheckOutcome> Checks { get; init; } = [];

    /// <summary>The earliest timed finding of an invalid check: how long the faults needed to expose the problem. Null when valid.</summary>
    public RunDetection? FirstDetection { get; init; }

    /// <summary>Client operations by outcome, and the nemesis events.</summary>
    public required RunCounts Counts { get; init; }

    /// <summary>How the cluster rode out its faults; null when the target has no leader discovery.</summary>
    public FailoverRecord? Failover { get; init; }

    /// <summary>Time the linearizability check took, in milliseconds.</summary>
    public double CheckerMs { get; init; }

    /// <summary>Time to start the cluster and see a leader, in milliseconds.</summary>
    public double ClusterStartMs { get; init; }

    /// <summary>What the final heal check found unhealed (empty when healed).</summary>
    public IReadOnlyList<string> HealProblems { get; init; } = [];

    /// <summary>The node each client process was bound to (process id → node id).</summary>
    public IReadOnlyDictionary<int, string> ProcessNodes { get; init; } = new Dictionary<int, string>();

    /// <summary>The outcome of the check named <paramref name="name"/>, or null when the run did not make it.</summary>
    public CheckOutcome? Check(string name) => Checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
