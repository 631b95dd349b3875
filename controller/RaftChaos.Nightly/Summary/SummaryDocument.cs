using System.Text.Json.Serialization;

namespace RaftChaos.Nightly.Summary;

// summary.json as data (docs/validation.md): plain records that SummaryJsonContext writes in camelCase, as results.json is.
// Seconds keep their "S" suffix (durationS, timeLimitS): the unit stays in the name, as the old snake_case names had it.

/// <summary>The whole of summary.json.</summary>
internal sealed record SummaryDocument(
    int FormatVersion,
    string Name,
    DateTime StartedAt,
    DateTime FinishedAt,
    double DurationS,
    long Seed,
    bool Passed,
    int ExitCode,
    SummaryConfigurationDocument Configuration,
    SummaryTotalsDocument Totals,
    SummaryFiguresDocument Figures,
    IReadOnlyList<SummaryRunDocument> Runs,
    IReadOnlyList<SummaryBugDocument> Matrix,
    IReadOnlyList<string> NotRun,
    bool Interrupted,
    string? AbortReason,
    IReadOnlyList<SummaryFailureDocument> Failures);

/// <summary>What the night was asked to do.</summary>
internal sealed record SummaryConfigurationDocument(
    int Runs,
    IReadOnlyList<string> Targets,
    double TimeLimitS,
    IReadOnlyList<int> Nodes,
    IReadOnlyList<string> Workloads,
    IReadOnlyList<string> Nemeses,
    bool Matrix,
    int MatrixSeeds,
    double EstimatedS);

/// <summary>Counts over the night.</summary>
internal sealed record SummaryTotalsDocument(int CleanRuns, int Valid, int Invalid, int Unknown, int Errors, int Bugs, int BugsCaught);

/// <summary>Medians over the clean runs.</summary>
internal sealed record SummaryFiguresDocument(double? TimeWithoutLeaderSMedian, double? KillToNextWriteSMedian);

/// <summary>One run.</summary>
internal sealed record SummaryRunDocument(
    string Name,
    string Kind,
    long Seed,
    [property: JsonConverter(typeof(ValidJsonConverter))] bool? Valid,
    string Verdict,
    bool AsExpected,
    SummaryRunConfigurationDocument Configuration,
    SummaryOpsDocument? Ops,
    double DurationS,
    string? Engine,
    string? Path,
    string? Report,
    string Replay,
    int? ExitCode,
    SummaryFailoverDocument? Failover,
    double? DetectedAfterS,
    string? FailingKey,
    string? FirstAnomaly,
    string? Error);

/// <summary>A run's settings.</summary>
internal sealed record SummaryRunConfigurationDocument(int Nodes, string Workload, string Nemesis, string? Unsafe, double TimeLimitS);

/// <summary>Client operations by outcome.</summary>
internal sealed record SummaryOpsDocument(long Ok, long Fail, long Info, long Total);

/// <summary>A run's failover figures.</summary>
internal sealed record SummaryFailoverDocument(double? TimeWithoutLeaderS, double? KillToNextWriteSMedian, int LeaderKills);

/// <summary>One bug of the validation matrix.</summary>
internal sealed record SummaryBugDocument(
    string Bug,
    string Nemesis,
    string Workload,
    int Nodes,
    string Why,
    bool Caught,
    bool CaughtEverySeed,
    IReadOnlyList<long> Seeds,
    IReadOnlyList<long> CaughtSeeds,
    double DetectionRate,
    double? DetectedAfterS,
    double? DetectedAfterMedianS,
    string? FailingKey,
    IReadOnlyList<string> Runs);

/// <summary>One failure with its replay command and report.</summary>
internal sealed record SummaryFailureDocument(string What, string? Replay, string? Report);
