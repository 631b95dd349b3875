namespace RaftChaos.Checker.Composition;

/// <summary>
/// What one check of a run decided, as data (Jepsen's <c>checker/compose</c>): linearizability of the history, election
/// safety from the node logs, or any later check. A run's verdict is <see cref="ComposedVerdict.Of(IEnumerable{CheckOutcome})"/> its outcomes.
/// </summary>
/// <param name="Name">The check's stable name, e.g. <c>linearizability</c>, <c>election-safety</c>.</param>
/// <param name="Verdict">Valid, invalid or unknown. A check that could not run (it threw) is unknown, never valid.</param>
/// <param name="Findings">
/// For an invalid check, what it found (at least one); for an unknown one, why it could not decide; empty when valid.
/// </param>
public sealed record CheckOutcome(string Name, Verdict Verdict, IReadOnlyList<Finding> Findings)
{
    /// <summary>A valid outcome with no findings.</summary>
    public static CheckOutcome Valid(string name) => new(name, Verdict.Valid, []);

    /// <summary>Valid when <paramref name="findings"/> is empty, else invalid with them.</summary>
    public static CheckOutcome FromFindings(string name, IReadOnlyList<Finding> findings) =>
        new(name, findings.Count == 0 ? Verdict.Valid : Verdict.Invalid, findings);

    /// <summary>An unknown outcome: the check could not decide, for <paramref name="reason"/>.</summary>
    public static CheckOutcome Unknown(string name, string reason) => new(name, Verdict.Unknown, [new Finding(reason)]);
}
