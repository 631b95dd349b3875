namespace RaftChaos.Simulation.Checks;

/// <summary>A broken property found in one run.</summary>
/// <param name="Property">
/// <c>election-safety</c>, <c>log-matching</c>, <c>leader-completeness</c>, <c>state-machine-safety</c>,
/// <c>linearizability</c>, or <c>core-exception</c> (the core threw: an invariant it asserts broke).
/// </param>
/// <param name="Detail">What was seen, with nodes, terms and indexes.</param>
/// <param name="Time">Simulated nanoseconds when it was found.</param>
public sealed record Violation(string Property, string Detail, long Time)
{
    /// <inheritdoc />
    public override string ToString() => $"{Property} at {Time / 1_000_000} ms: {Detail}";
}
