namespace RaftChaos.Report.Model;

/// <summary>
/// Why one key is not linearizable, as drawn: the end of the longest linearizable prefix and what cannot follow it. Also
/// drawn, the same way, for a key the checker could not decide: how far its search got (the longest prefix it found).
/// </summary>
/// <param name="Key">Index into <see cref="ReportModel.Keys"/>.</param>
/// <param name="KeyLabel">How the key is shown.</param>
/// <param name="Page">The timeline page holding the first operation that cannot follow.</param>
/// <param name="PrefixLength">Steps in the whole prefix.</param>
/// <param name="Prefix">The last steps of the prefix (at most <see cref="Building.ReportBuildOptions.CounterexampleSteps"/>).</param>
/// <param name="InitialState">The state before <see cref="Prefix"/>'s first shown step.</param>
/// <param name="StateAfterPrefix">The state at the end of the prefix.</param>
/// <param name="CannotFollow">The operations pending after the prefix, none of which can come next (none for an undecided key).</param>
/// <param name="UndecidedReason">For a key the checker could not decide, why its search stopped; null for an invalid key.</param>
public sealed record CounterexampleView(
    int Key,
    string KeyLabel,
    int Page,
    int PrefixLength,
    IReadOnlyList<CounterexampleStep> Prefix,
    string InitialState,
    string StateAfterPrefix,
    IReadOnlyList<BlockedStep> CannotFollow,
    string? UndecidedReason = null);
