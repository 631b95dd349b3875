namespace RaftChaos.Nightly.Planning;

/// <summary>
/// The client side of a matrix run when the run's defaults (10 processes, 100 ops/s, 2 s timeout) do not expose its
/// bug: the <c>raftchaos run</c> options <c>--concurrency</c>, <c>--rate</c>, <c>--timeout</c> and <c>--values</c>.
/// </summary>
/// <param name="Concurrency">Logical client processes.</param>
/// <param name="Rate">Operations per second over all processes.</param>
/// <param name="Timeout">Per-operation timeout.</param>
/// <param name="Values">Distinct values writes draw from, or null for the run's default (5).</param>
public sealed record ClientLoad(int Concurrency, int Rate, TimeSpan Timeout, int? Values = null);
