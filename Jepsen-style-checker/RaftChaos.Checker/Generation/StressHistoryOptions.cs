namespace RaftChaos.Checker.Generation;

/// <summary>The shape of a history made by <see cref="StressHistoryGenerator"/>.</summary>
public sealed class StressHistoryOptions
{
    /// <summary>Number of operations (invokes). Default 1,000.</summary>
    public int OperationCount { get; init; } = 1_000;

    /// <summary>Concurrent client processes, all busy all the time (a process retired after info is replaced by a fresh id). Default 25.</summary>
    public int ProcessCount { get; init; } = 25;

    /// <summary>Number of keys, named <c>k0</c>, <c>k1</c>, ...; 0 means one register with key null. Default 0.</summary>
    public int KeyCount { get; init; }

    /// <summary>Written values are drawn from 0 .. ValueDomain-1; 0 means every write and cas writes a value of its own. Default 5.</summary>
    public int ValueDomain { get; init; } = 5;

    /// <summary>Chance that a write or cas ends with info; it then takes effect or not, half and half. Reads never do. Default 0.1.</summary>
    public double InfoRate { get; init; } = 0.1;

    /// <summary>Whether a fifth of the operations are cas (else read and write only, for the register model). Default true.</summary>
    public bool UseCas { get; init; } = true;

    /// <summary>The fault planted, if any. Default none.</summary>
    public HistoryMutation Mutation { get; init; }

    /// <summary>Longest operation, in nanoseconds; durations are uniform in 2 .. this. Default 10,000.</summary>
    public long MaxDurationNanos { get; init; } = 10_000;

    /// <summary>Longest pause between a process's operations, in nanoseconds; short against durations, so processes overlap. Default 500.</summary>
    public long MaxGapNanos { get; init; } = 500;

    /// <summary>Whether values are unique per write.</summary>
    public bool UniqueValues => ValueDomain == 0;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(OperationCount, nameof(OperationCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessCount, 1, nameof(ProcessCount));
        ArgumentOutOfRangeException.ThrowIfNegative(KeyCount, nameof(KeyCount));
        ArgumentOutOfRangeException.ThrowIfNegative(ValueDomain, nameof(ValueDomain));
        ArgumentOutOfRangeException.ThrowIfLessThan(InfoRate, 0, nameof(InfoRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InfoRate, 1, nameof(InfoRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDurationNanos, 2, nameof(MaxDurationNanos));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGapNanos, 1, nameof(MaxGapNanos));
    }
}
