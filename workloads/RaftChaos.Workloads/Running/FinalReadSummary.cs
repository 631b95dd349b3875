using RaftChaos.Workloads.Clients;

namespace RaftChaos.Workloads.Running;

/// <summary>The final reads of every key on every node. The reads themselves are in the history; the checker judges them.</summary>
/// <param name="Reads">One entry per (node, key), in node then key order.</param>
public sealed record FinalReadSummary(IReadOnlyList<FinalRead> Reads)
{
    /// <summary>True when every key was read on every node.</summary>
    public bool AllOk => Reads.All(read => read.Outcome.Kind == OutcomeKind.Ok);

    /// <summary>Keys whose successful reads saw different values on different nodes: a hint for the report, not a verdict.</summary>
    public IReadOnlyList<string?> DisagreeingKeys =>
        Reads.Where(read => read.Outcome.Kind == OutcomeKind.Ok)
            .GroupBy(read => read.Key)
            .Where(group => group.Select(read => read.Outcome.Observed).Distinct().Count() > 1)
            .Select(group => group.Key)
            .ToArray();
}
