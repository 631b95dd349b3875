namespace RaftChaos.Report.Model;

/// <summary>What one page of the timeline draws: whole small keys, or a time slice of one big key.</summary>
/// <param name="Number">0-based page number.</param>
/// <param name="Sections">The key slices on this page.</param>
public sealed record TimelinePage(int Number, IReadOnlyList<PageSection> Sections)
{
    /// <summary>Operations drawn on this page.</summary>
    public int OperationCount => Sections.Sum(section => section.Count);
}
