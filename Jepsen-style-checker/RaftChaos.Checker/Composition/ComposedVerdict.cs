namespace RaftChaos.Checker.Composition;

/// <summary>How verdicts merge: invalid beats unknown beats valid (Jepsen's <c>merge-valid</c>).</summary>
public static class ComposedVerdict
{
    /// <summary>The merged verdict of <paramref name="verdicts"/>; valid when there are none.</summary>
    public static Verdict Of(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var merged = Verdict.Valid;
        foreach (var verdict in verdicts)
        {
            if (verdict == Verdict.Invalid)
            {
                return Verdict.Invalid;
            }

            if (verdict == Verdict.Unknown)
            {
                merged = Verdict.Unknown;
            }
        }

        return merged;
    }

    /// <summary>The merged verdict of the outcomes of several checks.</summary>
    public static Verdict Of(IEnumerable<CheckOutcome> outcomes) => Of(outcomes.Select(o => o.Verdict));

    /// <summary>The lower-case word for a verdict, as files and pages spell it: <c>valid</c>, <c>invalid</c>, <c>unknown</c>.</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Valid => "valid",
        Verdict.Invalid => "invalid",
        _ => "unknown",
    };
}
