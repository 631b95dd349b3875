namespace RaftChaos.Checker;

/// <summary>The outcome of checking one history. Plain data: the CLI prints it, the report draws it.</summary>
/// <param name="Verdict">Invalid if any key is invalid; else unknown if any key is unknown; else valid.</param>
/// <param name="Model">The model's name.</param>
/// <param name="OperationCount">Client operations in the history (ok, fail and info).</param>
/// <param name="KeyCount">Distinct keys.</param>
/// <param name="Elapsed">Time spent checking (pairing excluded).</param>
/// <param name="Keys">Per key, ordered by key (null first).</param>
public sealed record CheckResult(
    Verdict Verdict,
    string Model,
    int OperationCount,
    int KeyCount,
    TimeSpan Elapsed,
    IReadOnlyList<KeyCheckResult> Keys)
{
    /// <summary>The keys found not linearizable.</summary>
    public IEnumerable<KeyCheckResult> FailingKeys => Keys.Where(key => key.Verdict == Verdict.Invalid);

    /// <summary>Why the verdict is unknown (the first unknown key's reason), or null.</summary>
    public string? UnknownReason =>
        Verdict == Verdict.Unknown ? Keys.FirstOrDefault(key => key.Verdict == Verdict.Unknown)?.UnknownReason : null;
}
