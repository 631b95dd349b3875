using System.Globalization;

namespace RaftChaos.Checker.Search;

/// <summary>
/// What every partition search of one check shares: the deadline, the cancellation (the caller's, or the checker's
/// own once a key is invalid), and the memo memory ceiling, reserved and released as memos grow and finish.
/// Thread-safe.
/// </summary>
internal sealed class SearchBudget
{
    private readonly TimeProvider timeProvider;
    private readonly long deadline;
    private readonly TimeSpan timeLimit;
    private readonly long memoryLimit;
    private long reservedBytes;

    public SearchBudget(CheckOptions options, CancellationToken cancellationToken)
    {
        timeProvider = options.TimeProvider;
        timeLimit = options.TimeLimit;
        memoryLimit = options.MemoryLimitBytes;
        Token = cancellationToken;
        var ticks = Math.Min(options.TimeLimit.TotalSeconds * timeProvider.TimestampFrequency, long.MaxValue / 2);
        deadline = timeProvider.GetTimestamp() + (long)ticks;
    }

    /// <summary>Cancelled by the caller or when another key was found invalid.</summary>
    public CancellationToken Token { get; }

    /// <summary>The reason a search ending on the memory ceiling gives.</summary>
    public string MemoryLimitReason =>
        string.Create(CultureInfo.InvariantCulture, $"memory limit of {memoryLimit / (1024 * 1024)} MiB reached");

    /// <summary>Null while the search may go on, else why it must stop.</summary>
    public string? StopReason()
    {
        if (Token.IsCancellationRequested)
        {
            return "cancelled";
        }

        return timeProvider.GetTimestamp() > deadline
            ? string.Create(CultureInfo.InvariantCulture, $"time limit of {timeLimit.TotalSeconds:0.###} s reached")
            : null;
    }

    /// <summary>Reserves memo memory; false when that would pass the ceiling (nothing is reserved then).</summary>
    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref reservedBytes, bytes) <= memoryLimit)
        {
            return true;
        }

        Interlocked.Add(ref reservedBytes, -bytes);
        return false;
    }

    /// <summary>Returns memory reserved earlier.</summary>
    public void Release(long bytes) => Interlocked.Add(ref reservedBytes, -bytes);
}
