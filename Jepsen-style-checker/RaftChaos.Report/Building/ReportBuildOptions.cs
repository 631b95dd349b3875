namespace RaftChaos.Report.Building;

/// <summary>How <see cref="ReportBuilder"/> shapes a report.</summary>
public sealed class ReportBuildOptions
{
    /// <summary>
    /// Most operations drawn on one timeline page. Small keys share a page; a bigger key is cut into time slices of this
    /// many operations. Default 1,000: a page of SVG that a browser draws in well under a second.
    /// </summary>
    public int PageSize { get; init; } = 1_000;

    /// <summary>About how many buckets the throughput plot has (the width is rounded to 1, 2 or 5 × 10^k ns). Default 120.</summary>
    public int ThroughputBuckets { get; init; } = 120;

    /// <summary>How many of the last steps of a counterexample's prefix are shown. Default 30.</summary>
    public int CounterexampleSteps { get; init; } = 30;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ThroughputBuckets, 1, nameof(ThroughputBuckets));
        ArgumentOutOfRangeException.ThrowIfLessThan(CounterexampleSteps, 1, nameof(CounterexampleSteps));
    }
}
