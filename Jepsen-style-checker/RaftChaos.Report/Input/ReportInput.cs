using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// Everything <see cref="Building.ReportBuilder"/> needs. A run that already holds its history and its linearizability
/// result in memory builds this directly (no second parse, no second check):
/// <c>new ReportInput(history, model.Name, check, run, ReportInputLoader.Links(folder, outputDirectory))</c>; a folder on
/// disk goes through <see cref="ReportInputLoader.LoadAsync"/>.
/// </summary>
/// <param name="History">The history, paired into operations.</param>
/// <param name="Model">The checker model's name.</param>
/// <param name="Check">
/// The linearizability checker's result, which carries the counterexample the page draws; null when the run's recorded
/// outcome in <see cref="ReportRun.Checks"/> stands alone. When <see cref="ReportRun.Checks"/> has no
/// <c>linearizability</c> outcome, the page shows this result as that check.
/// </param>
/// <param name="Run">What the run tells beyond its history, or <see cref="ReportRun.Empty"/>.</param>
/// <param name="Links">Files to link to, relative to the report.</param>
public sealed record ReportInput(
    OperationHistory History,
    string Model,
    CheckResult? Check,
    ReportRun Run,
    IReadOnlyList<ReportLink> Links);
