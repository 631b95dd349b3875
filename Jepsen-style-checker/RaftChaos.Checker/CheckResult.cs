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

    /// <summary>
    /// The keys whose own search hit a bound after it had started, each with its <see cref="KeyCheckResult.Progress"/>; not
    /// those cut short because another key is not linearizable (their progress says nothing about them).
    /// </summary>
    public IEnumerable<KeyCheckResult> UndecidedKeys =>
        Keys.Where(key => key is { Verdict: Verdict.Unknown, Progress: not null } && key.UnknownReason != KeyCheckResult.CutShortReason);

    /// <summary>Why the verdict is unknown (the first unknown key's reason), or null.</summary>
    public string? UnknownReason =>
        Verdict == Verdict.Unknown ? Keys.FirstOrDefault(key => key.Verdict == Verdict.Unknown)?.UnknownReason : null;
}
