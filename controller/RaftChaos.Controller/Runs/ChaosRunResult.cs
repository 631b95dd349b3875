using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Runs;

/// <summary>What a finished chaos run found and where it filed it.</summary>
/// <param name="Verdict">The checker's verdict on the whole history.</param>
/// <param name="Directory">The run folder (history.jsonl, results.json, report.html, nodes/, controller.log).</param>
/// <param name="Operations">Client operation counts (main phase and final reads).</param>
/// <param name="NemesisEvents">Nemesis events in the history.</param>
/// <param name="Failover">Time without a leader, terms, kill-to-next-write figures.</param>
/// <param name="HealProblems">What the final heal check found unhealed (empty when healed).</param>
/// <param name="ClusterStart">Time to start the cluster and elect a leader.</param>
/// <param name="Check">The check result (per key; counterexamples for invalid keys).</param>
/// <param name="NodeLogChecks">The checks read from the node logs (election safety, state-machine safety), each with its findings.</param>
/// <param name="HistoryOrigin">The host's wall clock at history time 0 (to place node log lines on the history's clock).</param>
public sealed record ChaosRunResult(
    Verdict Verdict,
    string Directory,
    OperationCounts Operations,
    long NemesisEvents,
    FailoverFigures Failover,
    IReadOnlyList<string> HealProblems,
    TimeSpan ClusterStart,
    CheckResult Check,
    IReadOnlyList<CheckOutcome> NodeLogChecks,
    DateTimeOffset HistoryOrigin);
