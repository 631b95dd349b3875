using RaftChaos.Nightly.Planning;
using RaftChaos.Runs;

namespace RaftChaos.Nightly.Summary;

/// <summary>One bug of the validation matrix over all its seeds.</summary>
/// <param name="Exposure">The bug and the faults that should expose it.</param>
/// <param name="Runs">Its runs, one per seed, in seed order (fewer than planned when the night was stopped).</param>
public sealed record BugRecord(BugExposure Exposure, IReadOnlyList<RunRecord> Runs)
{
    /// <summary>Seeds that ran.</summary>
    public IReadOnlyList<long> Seeds => [.. Runs.Select(r => r.Run.Seed)];

    /// <summary>Seeds whose run was found invalid.</summary>
    public IReadOnlyList<long> CaughtSeeds => [.. Caught.Select(r => r.Run.Seed)];

    /// <summary>
    /// Caught in at least one seed: the bed can see this bug. <see cref="DetectionRate"/> says how reliably
    /// (see docs/validation.md for why the exit code uses this and the page shows both).
    /// </summary>
    public bool IsCaught => CaughtSeeds.Count > 0;

    /// <summary>Caught in every seed that ran (the goal of issue 7).</summary>
    public bool CaughtInEverySeed => Runs.Count > 0 && CaughtSeeds.Count == Runs.Count;

    /// <summary>Caught seeds / seeds run (0 when none ran).</summary>
    public double DetectionRate => Runs.Count == 0 ? 0 : (double)CaughtSeeds.Count / Runs.Count;

    /// <summary>The slowest time to detection among caught seeds (the figure the 60 s goal is about), or null.</summary>
    public double? DetectedAfterSeconds => Times.Count == 0 ? null : Times.Max();

    /// <summary>The median time to detection among caught seeds, or null.</summary>
    public double? MedianDetectedAfterSeconds => FailoverRecord.Median(Times);

    /// <summary>The failing key of the first caught seed (null when the single register failed or nothing was caught).</summary>
    public string? FailingKey => Caught.Select(r => r.Outcome.Detection?.Key).FirstOrDefault(key => key is not null);

    /// <summary>Where the first caught seed went wrong (the check that found it), or null.</summary>
    public string? FoundIn => Caught.Select(r => r.Outcome.Detection).FirstOrDefault(d => d is not null)?.Check;

    private IEnumerable<RunRecord> Caught => Runs.Where(r => r.Outcome.Verdict == Execution.RunVerdict.Invalid);

    private List<double> Times => [.. Caught.Select(r => r.Outcome.Detection?.AfterSeconds).OfType<double>()];
}
