namespace RaftChaos.Checker.Composition;

/// <summary>One thing a check found, in words a person reads in the report and in the nightly summary.</summary>
/// <param name="Text">What was found, e.g. <c>term 4 had 2 leaders: n1, n3</c> or <c>key k3: p7 read -> 2 cannot follow ...</c>.</param>
/// <param name="AtSeconds">
/// When it happened, in seconds on the history's clock (the history's <c>time</c> field / 1e9); null when the evidence
/// carries no time. Detection times are measured from it.
/// </param>
/// <param name="Key">The key the finding is about, when it is about one (null: the single register, or not key-bound).</param>
public sealed record Finding(string Text, double? AtSeconds = null, string? Key = null);
