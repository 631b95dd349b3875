namespace RaftChaos.Report.Model;

/// <summary>
/// The state-machine-safety check <c>raftchaos run</c> made on the node logs (no index holds two different committed
/// entries), as results.json records it. Absent from older results files; the report then shows no finding.
/// </summary>
/// <param name="Valid">False when a node logged that a leader sent a different entry for an index it had committed.</param>
/// <param name="Violations">Each such entry, in file order.</param>
public sealed record StateMachineSafetyCheck(bool Valid, IReadOnlyList<CommittedEntryConflict> Violations);
