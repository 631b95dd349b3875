using RaftChaos.Checker.Composition;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// What a run tells the report beyond its history, in the report's own terms (checks, findings, faults, processes):
/// the caller (the controller, or the CLI from a run record) maps its system's vocabulary into these. Every part is
/// optional: a history given alone has <see cref="Empty"/>.
/// </summary>
/// <param name="Title">The test's name; null: the history file's name.</param>
/// <param name="Model">The checker model the run used; null: inferred from the history.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="ReplayCommand">The command that replays the run.</param>
/// <param name="Configuration">Settings as label and value, in words (e.g. "Nodes" = "3"), in the order to show.</param>
/// <param name="Checks">Every check the run made, the history's linearizability among them; the page's verdict merges them.</param>
/// <param name="Figures">Measured figures as label and value text, e.g. "Time unavailable" = "1.2 s"; shown as given, beside what the report measures itself.</param>
/// <param name="Lanes">Extra timeline lanes drawn above the processes (e.g. which node led when), on the history's clock.</param>
/// <param name="ProcessNodes">The node each client process talked to.</param>
/// <param name="CheckerMilliseconds">How long the run's linearizability check took.</param>
public sealed record ReportRun(
    string? Title,
    string? Model,
    long? Seed,
    string? ReplayCommand,
    IReadOnlyList<ReportField> Configuration,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyList<ReportField> Figures,
    IReadOnlyList<ReportLane> Lanes,
    IReadOnlyDictionary<int, string> ProcessNodes,
    double? CheckerMilliseconds)
{
    /// <summary>Nothing known beyond the history.</summary>
    public static ReportRun Empty { get; } = new(null, null, null, null, [], [], [], [], new Dictionary<int, string>(), null);
}
