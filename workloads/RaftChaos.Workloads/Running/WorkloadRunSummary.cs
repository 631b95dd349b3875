using RaftChaos.Workloads.Recording;

namespace RaftChaos.Workloads.Running;

/// <summary>What the main phase did.</summary>
/// <param name="Operations">Client operations of the main phase and how they ended.</param>
/// <param name="ProcessesRetired">Processes retired after an info outcome (each replaced by a fresh id).</param>
/// <param name="Elapsed">Wall time of the phase, on the runner's clock.</param>
/// <param name="TouchedKeys">History keys the phase used (null is the single register), in key order.</param>
public sealed record WorkloadRunSummary(
    OperationCounts Operations,
    int ProcessesRetired,
    TimeSpan Elapsed,
    IReadOnlyList<string?> TouchedKeys);
