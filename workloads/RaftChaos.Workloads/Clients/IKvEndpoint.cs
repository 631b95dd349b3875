using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Clients;

/// <summary>
/// One node's key-value API as the workload sees it: the I/O seam between the runner and the cluster (gRPC in
/// production, <see cref="GrpcKvEndpoint"/>; in-memory fakes in tests). Implementations classify every outcome
/// with <see cref="OutcomeClassifier"/>'s rules and never retry: a retry is a new operation in the history.
/// </summary>
public interface IKvEndpoint
{
    /// <summary>The node's name for logs and summaries (its id or address).</summary>
    string Node { get; }

    /// <summary>
    /// Performs <paramref name="operation"/> once. Cancellation of <paramref name="cancellationToken"/> (the runner's
    /// per-operation timeout, or the run being stopped) ends the call with an ambiguous outcome, not an exception.
    /// </summary>
    Task<OperationOutcome> ExecuteAsync(WorkloadOperation operation, CancellationToken cancellationToken);
}
