using System.Globalization;

namespace RaftChaos.Report.Model;

/// <summary>
/// A violation of Raft's state-machine safety: <paramref name="Node"/> had committed entry <paramref name="Index"/> of
/// term <paramref name="CommittedTerm"/>, and a leader sent a different entry for that index (term
/// <paramref name="LeaderTerm"/>), which that leader's majority applies instead.
/// </summary>
/// <param name="Node">The node that held the committed entry.</param>
/// <param name="Index">The log index.</param>
/// <param name="CommittedTerm">Term of the committed entry.</param>
/// <param name="LeaderTerm">Term of the entry the leader sent.</param>
/// <param name="AfterSeconds">History time (s) of the node's first line about it; null when not recorded.</param>
public sealed record CommittedEntryConflict(string Node, ulong Index, ulong CommittedTerm, ulong LeaderTerm, double? AfterSeconds = null)
{
    /// <summary>The finding in words, e.g. <c>n2 had committed entry 57 of term 3; a leader sent entry 57 of term 4</c>.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Node} had committed entry {Index} of term {CommittedTerm}; a leader sent entry {Index} of term {LeaderTerm}");
}
