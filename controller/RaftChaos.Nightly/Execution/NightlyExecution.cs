namespace RaftChaos.Nightly.Execution;

/// <summary>What the runner did with a plan.</summary>
/// <param name="Outcomes">One per run started, in order.</param>
/// <param name="Interrupted">Ctrl-C stopped the night; runs after the last outcome did not run.</param>
/// <param name="AbortReason">Why the night stopped early without Ctrl-C (e.g. no Docker engine), or null.</param>
/// <param name="AbortExitCode">The exit code that stopped it (69: no engine), or null.</param>
public sealed record NightlyExecution(IReadOnlyList<RunOutcome> Outcomes, bool Interrupted, string? AbortReason, int? AbortExitCode);
