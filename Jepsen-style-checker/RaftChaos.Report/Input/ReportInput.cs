using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>Everything <see cref="Building.ReportBuilder"/> needs: the paired history, the verdict and the run's results.</summary>
/// <param name="History">The history, paired into operations.</param>
/// <param name="Model">The checker model's name.</param>
/// <param name="Check">The checker's result; null when the verdict is taken from <see cref="Results"/> alone.</param>
/// <param name="Results">The run's results.json, or <see cref="RunResults.Empty"/>.</param>
/// <param name="Links">Files to link to, relative to the report.</param>
public sealed record ReportInput(
    OperationHistory History,
    string Model,
    CheckResult? Check,
    RunResults Results,
    IReadOnlyList<ReportLink> Links);
