using RaftChaos.Runs;

namespace RaftChaos.Nightly.Planning;

/// <summary>One run of the night, fully decided before anything starts.</summary>
/// <param name="Index">0-based position in the night (clean runs first, then the matrix).</param>
/// <param name="Kind">Clean run or matrix run.</param>
/// <param name="Name">Unique within the night, e.g. <c>01-n3-register-all</c> or <c>m03-stale-reads-s3</c>; also the run's <c>--name</c>.</param>
/// <param name="Nodes">Cluster size.</param>
/// <param name="Workload"><c>register</c> or <c>kv</c>.</param>
/// <param name="Nemesis">The <c>--nemesis</c> value, e.g. <c>all</c> or <c>partition,kill</c>.</param>
/// <param name="Seed">The run's seed, derived from the nightly seed.</param>
/// <param name="TimeLimit">Length of the run's main phase.</param>
/// <param name="Unsafe">The bug switch of a matrix run; null for a clean run.</param>
/// <param name="NemesisInterval">The run's <c>--nemesis-interval</c>, or null for the run's default.</param>
/// <param name="Load">The run's client load, or null for the run's defaults.</param>
/// <param name="Failpoint">The run's node failpoint (<c>--failpoint</c>), or null for none.</param>
/// <param name="Target">The system under test (<c>--target</c>), or null for the run's default (our node).</param>
public sealed record PlannedRun(
    int Index,
    RunKind Kind,
    string Name,
    int Nodes,
    string Workload,
    string Nemesis,
    long Seed,
    TimeSpan TimeLimit,
    string? Unsafe,
    TimeSpan? NemesisInterval = null,
    ClientLoad? Load = null,
    string? Failpoint = null,
    string? Target = null)
{
    /// <summary>The run's settings as <c>raftchaos run</c> takes them (the run's defaults where this plan leaves a setting open).</summary>
    public RunConfiguration Settings
    {
        get
        {
            var defaults = new RunConfiguration();
            return new RunConfiguration
            {
                Target = Target ?? defaults.Target,
                Nodes = Nodes,
                Workload = Workload,
                Nemesis = Nemesis,
                TimeLimitSeconds = TimeLimit.TotalSeconds,
                Seed = Seed,
                NemesisIntervalSeconds = NemesisInterval?.TotalSeconds ?? defaults.NemesisIntervalSeconds,
                Concurrency = Load?.Concurrency ?? defaults.Concurrency,
                Rate = Load?.Rate ?? defaults.Rate,
                TimeoutMs = Load?.Timeout.TotalMilliseconds ?? defaults.TimeoutMs,
                Values = Load?.Values ?? defaults.Values,
                Failpoint = Failpoint,
                Unsafe = Unsafe is null ? [] : [Unsafe],
            };
        }
    }

    /// <summary>The arguments of <c>raftchaos run</c> that reproduce this run (without store or name), spelled by <see cref="RunConfiguration.ToArguments"/>.</summary>
    public IReadOnlyList<string> RunArguments() => Settings.ToArguments();

    /// <summary>
    /// The exact command a person types to replay the run into the default store, e.g.
    /// <c>raftchaos run --nodes 3 --workload register --nemesis all --time-limit 60 --seed 42</c>.
    /// </summary>
    public string ReplayCommand => Settings.ReplayCommand;

    /// <summary>A short configuration text for tables: <c>n3 register all</c> (+ the bug).</summary>
    public string Configuration => (Target is null || Target == RunConfiguration.DefaultTarget ? "" : Target + " ") + $"n{Nodes} {Workload} {Nemesis}" + (Unsafe is null ? "" : $" --unsafe {Unsafe}");
}
