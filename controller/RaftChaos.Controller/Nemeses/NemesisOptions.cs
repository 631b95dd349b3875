using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>The nemesis schedule of a run (<c>--nemesis</c>, <c>--nemesis-interval</c>). Defaults documented per property.</summary>
public sealed record NemesisOptions
{
    /// <summary>The kinds <c>--nemesis</c> accepts (besides <c>none</c> and <c>all</c>).</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["partition", "kill", "pause", "clock", "slow-leader", "swap-leader", "netem", "clock-rate", "disk", "membership"];

    /// <summary>True when the kinds need the nodes to run under libfaketime.</summary>
    public static bool NeedsClockFaults(IEnumerable<string> kinds) => kinds.Any(k => k is "clock" or "slow-leader" or "clock-rate");

    /// <summary>The fault kinds to schedule. Default: none (a run without faults).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>
    /// Time between the starts of two faults. Each fault is held for <see cref="HoldFraction"/> of it, then healed, so
    /// the cluster has a quiet spell between faults. Default: 10 s.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The part of <see cref="Interval"/> a fault is held. Default: 0.6.</summary>
    public double HoldFraction { get; init; } = 0.6;

    /// <summary>
    /// How long a fault's heal may run past the end of the main phase (for a heal asked after it, past the moment it was
    /// asked) before the schedule cancels it and leaves what is left to the run's final heal, which re-imposes a healed
    /// cluster whatever happened. Default: 15 s (a node started again, a member added back: a few seconds each).
    /// </summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Quiet time at the start of the run before the first fault. Default: 2 s (a baseline of ok operations).</summary>
    public TimeSpan LeadIn { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest clock bump, forward or back, and largest strobe delta. Default: 2 s (ten election timeouts).</summary>
    public TimeSpan ClockBound { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time between two flips of a strobing clock. Default: 1 s (libfaketime picks a change up within about a second).</summary>
    public TimeSpan StrobePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay of a netem link (its jitter is up to a fifth of the delay). Default: 150 ms (most of an election timeout).</summary>
    public TimeSpan NetemDelayBound { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Largest loss or duplication probability of a netem link. Default: 0.3.</summary>
    public double NetemLossBound { get; init; } = 0.3;

    /// <summary>
    /// Slowest bandwidth of a netem link's <c>bandwidth</c> effect, in kbit/s; each fault draws its rate from this to 16
    /// times it. Default: 128 kbit/s (chosen, not yet measured against a run's traffic: a register workload at 100
    /// operations a second is estimated at a few hundred kbit/s towards each follower, so the narrowest links should queue
    /// and drop while the widest only slow bursts).
    /// </summary>
    public long NetemRateFloorKbit { get; init; } = 128;

    /// <summary>
    /// Parses <c>--nemesis</c>: <c>none</c>, <c>all</c>, or a comma-separated list of <see cref="KindNames"/>.
    /// Returns the kinds, or null with <paramref name="error"/> set.
    /// </summary>
    public static IReadOnlyList<string>? ParseKinds(string text, out string? error)
    {
        error = null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts is ["none"]) return [];
        if (parts.Contains("all")) return KindNames;
        var unknown = parts.Where(p => !KindNames.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            error = $"--nemesis: unknown kind '{string.Join(",", unknown)}'; use none, all, or a comma-separated list of {string.Join(", ", KindNames)}";
            return null;
        }
        return [.. KindNames.Where(parts.Contains)];
    }

    /// <summary>Every problem, as sentences naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Kinds.Any(k => !KindNames.Contains(k))) errors.Add($"--nemesis kinds must be among {string.Join(", ", KindNames)}");
        if (Interval < TimeSpan.FromSeconds(1)) errors.Add($"--nemesis-interval must be at least 1 s; got {Interval.TotalSeconds} s");
        if (HoldFraction is <= 0 or >= 1) errors.Add("the hold fraction must be between 0 and 1");
        if (LeadIn < TimeSpan.Zero) errors.Add("the lead-in must not be negative");
        if (StopGrace < TimeSpan.FromSeconds(1)) errors.Add($"the stop grace must be at least 1 s; got {StopGrace.TotalSeconds} s");
        if (ClockBound < TimeSpan.FromMilliseconds(1)) errors.Add("the clock bound must be at least 1 ms");
        if (StrobePeriod < TimeSpan.FromMilliseconds(100)) errors.Add("the strobe period must be at least 100 ms");
        if (NetemDelayBound < TimeSpan.FromMilliseconds(1) || NetemDelayBound > TimeSpan.FromSeconds(10)) errors.Add("the netem delay bound must be from 1 ms to 10 s");
        if (NetemLossBound is < 0.05 or > 1) errors.Add("the netem loss bound must be from 0.05 to 1");
        if (NetemRateFloorKbit is < 1 or > 1_000_000) errors.Add($"the netem rate floor must be from 1 to 1000000 kbit/s; got {NetemRateFloorKbit}");
        return errors;
    }

    /// <summary>
    /// The kinds <paramref name="target"/> cannot take, one sentence each (empty when it takes them all): checked before
    /// any container starts, so a run never half-happens against a system that ignores a fault (etcd and libfaketime).
    /// </summary>
    public IReadOnlyList<string> ValidateFor(ISystemUnderTest target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return [.. CreateNemeses().Select(n => Refusal(n, $"'{target.Name}'", target.Capabilities)).OfType<string>()];
    }

    /// <summary>Why <paramref name="nemesis"/> cannot run against a target (named <paramref name="targetName"/> in the sentence) with <paramref name="capabilities"/>, or null when it can.</summary>
    public static string? Refusal(INemesis nemesis, string targetName, TargetCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(nemesis);
        var missing = nemesis.Requires & ~capabilities;
        // Clock is the one capability a reader may not guess the reason for: say it.
        var why = missing.HasFlag(TargetCapabilities.Clock)
            ? "; clock faults work through libfaketime, which cannot move the clock of a process that reads it without libc, as a Go program such as etcd does"
            : "";
        return missing == TargetCapabilities.None ? null
            : $"--nemesis {nemesis.Kind}: the target {targetName} cannot take it (it needs {missing}; the target supports {(capabilities == TargetCapabilities.None ? "partitions only" : capabilities + " and partitions")}{why})";
    }

    /// <summary>One nemesis object per configured kind, in <see cref="KindNames"/> order.</summary>
    public IReadOnlyList<INemesis> CreateNemeses() => [.. Kinds.Select<string, INemesis>(k => k switch
    {
        "partition" => new PartitionNemesis(),
        "kill" => new KillNemesis(),
        "pause" => new PauseNemesis(),
        "slow-leader" => new SlowLeaderNemesis(),
        "swap-leader" => new SwapLeaderNemesis(),
        "netem" => new NetemNemesis(this),
        "clock-rate" => new ClockRateNemesis(),
        "disk" => new DiskNemesis(),
        "membership" => new MembershipNemesis(),
        _ => new ClockNemesis(this),
    })];
}
