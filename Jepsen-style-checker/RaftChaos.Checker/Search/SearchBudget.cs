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

    // A narrowed budget reserves memory from the budget it was narrowed from, so the ceiling stays one for the check.
    private readonly SearchBudget? parent;
    private long reservedBytes;

    public SearchBudget(CheckOptions options, CancellationToken cancellationToken)
    {
        timeProvider = options.TimeProvider;
        timeLimit = options.TimeLimit;
        memoryLimit = options.MemoryLimitBytes;
        ConfigurationLimit = options.ConfigurationLimit;
        Token = cancellationToken;
        var ticks = Math.Min(options.TimeLimit.TotalSeconds * timeProvider.TimestampFrequency, long.MaxValue / 2);
        deadline = timeProvider.GetTimestamp() + (long)ticks;
    }

    private SearchBudget(SearchBudget parent, long deadline, long configurationLimit)
    {
        ConfigurationLimit = configurationLimit;
        this.parent = parent;
        timeProvider = parent.timeProvider;
        timeLimit = parent.timeLimit;
        memoryLimit = parent.memoryLimit;
        Token = parent.Token;
        this.deadline = deadline;
    }

    /// <summary>The most configurations one search may add to its memo (deterministic, unlike the deadline).</summary>
    public long ConfigurationLimit { get; }

    /// <summary>The reason a search ending on the configuration bound gives.</summary>
    public string ConfigurationLimitReason =>
        string.Create(CultureInfo.InvariantCulture, $"configuration limit of {ConfigurationLimit:N0} reached");

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

    /// <summary>
    /// The same budget, ending at the latest <paramref name="limit"/> from now and after at most
    /// <paramref name="configurations"/> configurations: for work that may be cut short without changing the verdict.
    /// Memory is still reserved against this budget's ceiling.
    /// </summary>
    public SearchBudget Narrowed(TimeSpan limit, long configurations)
    {
        var ticks = Math.Min(limit.TotalSeconds * timeProvider.TimestampFrequency, long.MaxValue / 2);
        return new SearchBudget(this, Math.Min(deadline, timeProvider.GetTimestamp() + (long)ticks), Math.Min(ConfigurationLimit, configurations));
    }

    /// <summary>Reserves memo memory; false when that would pass the ceiling (nothing is reserved then).</summary>
    public bool TryReserve(long bytes)
    {
        if (parent is not null)
        {
            return parent.TryReserve(bytes);
        }

        if (Interlocked.Add(ref reservedBytes, bytes) <= memoryLimit)
        {
            return true;
        }

        Interlocked.Add(ref reservedBytes, -bytes);
        return false;
    }

    /// <summary>Returns memory reserved earlier.</summary>
    public void Release(long bytes)
    {
        if (parent is not null)
        {
            parent.Release(bytes);
            return;
        }

        Interlocked.Add(ref reservedBytes, -bytes);
    }
}
