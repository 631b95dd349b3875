using RaftChaos.Report.Model;

namespace RaftChaos.Report.Input;

/// <summary>
/// What a run's <c>results.json</c> tells the report. Every part is optional: a history given alone has none, and a run
/// may record only some figures. See <see cref="RunResultsReader"/> for the fields read.
/// </summary>
/// <param name="TestName">The test's name.</param>
/// <param name="Verdict"><c>valid</c>, <c>invalid</c> or <c>unknown</c>, as the run's checker said.</param>
/// <param name="Model">The checker's model.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="ReplayCommand">The command that replays the run.</param>
/// <param name="Configuration">Settings, in file order, values as text.</param>
/// <param name="CheckerMilliseconds">How long the run's check took.</param>
/// <param name="Failover">Failover figures measured by the controller.</param>
/// <param name="ProcessNodes">The node each client process talked to.</param>
/// <param name="ElectionSafety">The run's election-safety check on the node logs; null when results.json predates it.</param>
/// <param name="StateMachineSafety">The run's state-machine-safety check on the node logs; null when results.json predates it.</param>
public sealed record RunResults(
    string? TestName,
    string? Verdict,
    string? Model,
    long? Seed,
    string? ReplayCommand,
    IReadOnlyList<ReportField> Configuration,
    double? CheckerMilliseconds,
    FailoverFigures? Failover,
    IReadOnlyDictionary<int, string> ProcessNodes,
    ElectionSafetyCheck? ElectionSafety,
    StateMachineSafetyCheck? StateMachineSafety)
{
    /// <summary>No results at all.</summary>
    public static RunResults Empty { get; } = new(null, null, null, null, null, [], null, null, new Dictionary<int, string>(), null, null);
}
