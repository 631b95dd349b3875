namespace RaftChaos.Checker;

/// <summary>Bounds and resources of a <see cref="LinearizabilityChecker"/>.</summary>
public sealed class CheckOptions
{
    /// <summary>Wall-clock bound for the whole check; past it the verdict is unknown. Default 60 s.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bound on the configurations (entries of the memo: linearized set and state) one key's search may explore; a key
    /// that would explore more ends unknown. Unlike <see cref="TimeLimit"/> it does not depend on the machine or its
    /// load: the same history and options stop at the same place everywhere, so a benchmark's share decided can be
    /// compared between runs. Default: no bound (<see cref="long.MaxValue"/>); the time limit stays the outer guard.
    /// </summary>
    public long ConfigurationLimit { get; init; } = long.MaxValue;

    /// <summary>
    /// Bound on the memory the search's memo may hold, summed over keys checked at once; a key whose memo would pass it
    /// ends unknown. The process needs some more for the history itself. Default 1 GiB (the project's ceiling is 2 GB).
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 1L << 30;

    /// <summary>How many keys are checked at once. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock for the time limit and the elapsed time. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The search's reductions; all by default. Tests and benchmarks turn them off to compare.</summary>
    internal Search.SearchReductions Reductions { get; init; } = Search.SearchReductions.All;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeLimit, TimeSpan.Zero, nameof(TimeLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryLimitBytes, 1L << 20, nameof(MemoryLimitBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConfigurationLimit, 1, nameof(ConfigurationLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
    }
}
