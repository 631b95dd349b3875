namespace RaftChaos.Report.Model;

/// <summary>Why one key is not linearizable, as drawn: the end of the longest linearizable prefix and what cannot follow it.</summary>
/// <param name="Key">Index into <see cref="ReportModel.Keys"/>.</param>
/// <param name="KeyLabel">How the key is shown.</param>
/// <param name="Page">The timeline page holding the first operation that cannot follow.</param>
/// <param name="PrefixLength">Steps in the whole prefix.</param>
/// <param name="Prefix">The last steps of the prefix (at most <see cref="Building.ReportBuildOptions.CounterexampleSteps"/>).</param>
/// <param name="InitialState">The state before <see cref="Prefix"/>'s first shown step.</param>
/// <param name="StateAfterPrefix">The state at the end of the prefix.</param>
/// <param name="CannotFollow">The operations pending after the prefix, none of which can come next.</param>
public sealed record CounterexampleView(
    int Key,
    string KeyLabel,
    int Page,
    int PrefixLength,
    IReadOnlyList<CounterexampleStep> Prefix,
    string InitialState,
    string StateAfterPrefix,
    IReadOnlyList<BlockedStep> CannotFollow);
