namespace RaftChaos.Report.Model;

/// <summary>
/// The election-safety check <c>raftchaos run</c> made on the node logs (at most one leader per term), as results.json
/// records it. Absent from older results files; the report then shows no finding.
/// </summary>
/// <param name="Valid">False when the check found a term with two leaders (or said so without listing it).</param>
/// <param name="Violations">Each term that had more than one leader, in file order.</param>
public sealed record ElectionSafetyCheck(bool Valid, IReadOnlyList<LeaderConflict> Violations);
