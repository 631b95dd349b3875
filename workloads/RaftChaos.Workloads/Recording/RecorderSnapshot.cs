namespace RaftChaos.Workloads.Recording;

/// <summary>The recorder's counters at one instant, for a progress display and the run's results.</summary>
/// <param name="EventCount">Events recorded (clients and nemesis).</param>
/// <param name="ElapsedNanoseconds">The run clock when the snapshot was taken.</param>
/// <param name="Total">Client operations over all functions.</param>
/// <param name="ByFunction">Client operations per function (<c>read</c>, <c>write</c>, <c>cas</c>, ...), ordered by name.</param>
/// <param name="NemesisEventCount">Nemesis events recorded.</param>
public sealed record RecorderSnapshot(
    long EventCount,
    long ElapsedNanoseconds,
    OperationCounts Total,
    IReadOnlyDictionary<string, OperationCounts> ByFunction,
    long NemesisEventCount);
