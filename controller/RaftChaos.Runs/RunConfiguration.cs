using System.Globalization;
using System.Text.Json.Serialization;

namespace RaftChaos.Runs;

/// <summary>
/// A run's settings as <c>raftchaos run</c> takes them, with the same defaults: what results.json records as
/// <c>configuration</c>, what a replay command and the nightly's run commands are made from
/// (<see cref="ToArguments"/>), in one place. Immutable; the CLI validates the values.
/// </summary>
public sealed record RunConfiguration
{
    /// <summary>The default system under test: our own node.</summary>
    public const string DefaultTarget = "raftchaos";

    /// <summary>The system under test. Default: <c>raftchaos</c>.</summary>
    public string Target { get; init; } = DefaultTarget;

    /// <summary>Cluster size. Default: 5.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary><c>register</c> or <c>kv</c>. Default: register.</summary>
    public string Workload { get; init; } = "register";

    /// <summary>Keys of the kv workload. Default: 10.</summary>
    public int Keys { get; init; } = 10;

    /// <summary>Distinct values writes draw from (0 .. Values-1). Default: 5, as Jepsen.</summary>
    public int Values { get; init; } = 5;

    /// <summary><c>none</c>, <c>all</c>, or comma-separated fault kinds. Default: all.</summary>
    public string Nemesis { get; init; } = "all";

    /// <summary>Seconds between fault starts. Default: 10.</summary>
    public double NemesisIntervalSeconds { get; init; } = 10;

    /// <summary>Seconds of workload and faults. Default: 60.</summary>
    public double TimeLimitSeconds { get; init; } = 60;

    /// <summary>Logical client processes. Default: 10.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>Operations per second over all processes. Default: 100.</summary>
    public double Rate { get; init; } = 100;

    /// <summary>Per-operation timeout in milliseconds. Default: 2,000.</summary>
    public double TimeoutMs { get; init; } = 2_000;

    /// <summary>A write refused with not-leader goes once more to the leader it names, within the same operation. Default: true.</summary>
    public bool FollowLeader { get; init; } = true;

    /// <summary>Node bug switches. Default: none.</summary>
    public IReadOnlyList<string> Unsafe { get; init; } = [];

    /// <summary>A node failpoint, <c>NAME=P</c>. Default: none.</summary>
    public string? Failpoint { get; init; }

    /// <summary>The run's seed: every random choice derives from it.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// The arguments of <c>raftchaos run</c> that reproduce these settings (without store and name): the cluster,
    /// workload, nemesis, time limit and seed always, every other setting only when it differs from its default.
    /// </summary>
    public IReadOnlyList<string> ToArguments()
    {
        var defaults = new RunConfiguration();
        var arguments = new List<string> { "run" };
        if (Target != defaults.Target)
        {
            arguments.AddRange([RunFlags.Target, Target]);
        }

        arguments.AddRange([RunFlags.Nodes, Number(Nodes), RunFlags.Workload, Workload]);
        if (Keys != defaults.Keys)
        {
            arguments.AddRange([RunFlags.Keys, Number(Keys)]);
        }

        if (Values != defaults.Values)
        {
            arguments.AddRange([RunFlags.Values, Number(Values)]);
        }

        arguments.AddRange([RunFlags.Nemesis, Nemesis]);
        if (NemesisIntervalSeconds != defaults.NemesisIntervalSeconds)
        {
            arguments.AddRange([RunFlags.NemesisInterval, Number(NemesisIntervalSeconds) + "s"]);
        }

        arguments.AddRange([RunFlags.TimeLimit, Number(TimeLimitSeconds)]);
        if (Concurrency != defaults.Concurrency)
        {
            arguments.AddRange([RunFlags.Concurrency, Number(Concurrency)]);
        }

        if (Rate != defaults.Rate)
        {
            arguments.AddRange([RunFlags.Rate, Number(Rate)]);
        }

        if (TimeoutMs != defaults.TimeoutMs)
        {
            arguments.AddRange([RunFlags.Timeout, Number(TimeoutMs) + "ms"]);
        }

        if (!FollowLeader)
        {
            arguments.Add(RunFlags.NoFollowLeader);
        }

        if (Failpoint is not null)
        {
            arguments.AddRange([RunFlags.Failpoint, Failpoint]);
        }

        if (Unsafe.Count > 0)
        {
            arguments.AddRange([RunFlags.Unsafe, string.Join(",", Unsafe)]);
        }

        arguments.AddRange([RunFlags.Seed, Number(Seed)]);
        return arguments;
    }

    /// <summary>The command a person types to replay the run, e.g. <c>raftchaos run --nodes 3 --workload register --nemesis all --time-limit 60 --seed 42</c>.</summary>
    [JsonIgnore]
    public string ReplayCommand => "raftchaos " + string.Join(' ', ToArguments());

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
