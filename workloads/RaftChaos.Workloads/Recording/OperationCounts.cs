namespace RaftChaos.Workloads.Recording;

/// <summary>How many client operations were invoked and how they ended (one function, or all).</summary>
/// <param name="Invoked">Invoke events.</param>
/// <param name="Ok">ok completions.</param>
/// <param name="Fail">fail completions.</param>
/// <param name="Info">info completions.</param>
public sealed record OperationCounts(long Invoked, long Ok, long Fail, long Info)
{
    /// <summary>All zero.</summary>
    public static OperationCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Invoked but not completed yet.</summary>
    public long Pending => Invoked - Ok - Fail - Info;

    /// <summary>Sum of two counts.</summary>
    public static OperationCounts operator +(OperationCounts a, OperationCounts b) =>
        new(a.Invoked + b.Invoked, a.Ok + b.Ok, a.Fail + b.Fail, a.Info + b.Info);
}
