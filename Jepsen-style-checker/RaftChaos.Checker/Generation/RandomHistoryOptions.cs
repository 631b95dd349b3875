namespace RaftChaos.Checker.Generation;

/// <summary>The shape of a history made by <see cref="RandomHistoryGenerator"/>.</summary>
public sealed class RandomHistoryOptions
{
    /// <summary>Number of operations (invokes). Default 100.</summary>
    public int OperationCount { get; init; } = 100;

    /// <summary>Number of keys, named <c>k0</c>, <c>k1</c>, ...; 0 means one register with key null. Default 0.</summary>
    public int KeyCount { get; init; }

    /// <summary>Concurrent client processes (a process retired after info is replaced by a fresh id). Default 5.</summary>
    public int ProcessCount { get; init; } = 5;

    /// <summary>The functions used. Default <see cref="GeneratedFunctions.Register"/>.</summary>
    public GeneratedFunctions Functions { get; init; } = GeneratedFunctions.Register;

    /// <summary>Register values are drawn from 0 .. ValueRange-1. Default 5.</summary>
    public int ValueRange { get; init; } = 5;

    /// <summary>Chance that an operation ends with info; such an operation takes effect or not, half and half. Default 0.</summary>
    public double InfoProbability { get; init; }

    /// <summary>
    /// Chance that an ok read reports a random value instead of the value at its linearization point, which usually
    /// (not always) makes the history not linearizable. Default 0: the history is linearizable by construction.
    /// </summary>
    public double WrongReadProbability { get; init; }

    /// <summary>Longest operation, in nanoseconds; durations are uniform in 2 .. this. Default 10,000.</summary>
    public long MaxDurationNanos { get; init; } = 10_000;

    /// <summary>Longest pause between a process's operations, in nanoseconds. Default 2,000.</summary>
    public long MaxGapNanos { get; init; } = 2_000;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(OperationCount, nameof(OperationCount));
        ArgumentOutOfRangeException.ThrowIfNegative(KeyCount, nameof(KeyCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessCount, 1, nameof(ProcessCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ValueRange, 1, nameof(ValueRange));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDurationNanos, 2, nameof(MaxDurationNanos));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGapNanos, 1, nameof(MaxGapNanos));
    }
}
