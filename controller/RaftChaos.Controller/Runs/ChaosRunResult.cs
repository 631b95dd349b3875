using RaftChaos.Checker;
using RaftChaos.Runs;

namespace RaftChaos.Controller.Runs;

/// <summary>What a finished chaos run found and where it filed it.</summary>
/// <param name="Record">The run record, as saved to the folder's results.json.</param>
/// <param name="Directory">The run folder (history.jsonl, results.json, report.html, nodes/, controller.log).</param>
/// <param name="Check">The linearizability check in full (per key; counterexamples for invalid keys), which the record summarises.</param>
/// <param name="NodeLogLines">Lines of node log the node-log checks read (0 means they had nothing to go on).</param>
public sealed record ChaosRunResult(RunRecord Record, string Directory, CheckResult Check, int NodeLogLines)
{
    /// <summary>Every check together.</summary>
    public Verdict Verdict => Record.Verdict;
}
