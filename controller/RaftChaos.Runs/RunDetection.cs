namespace RaftChaos.Runs;

/// <summary>Where and when an invalid run first went wrong.</summary>
/// <param name="Check">The check that found it, e.g. <c>linearizability</c> or <c>election-safety</c>.</param>
/// <param name="AfterSeconds">Seconds from the history's first event to the finding (the faults' time to expose the bug).</param>
/// <param name="Text">The finding.</param>
/// <param name="Key">The key, for a finding about one (null: the single register, or a node-log finding).</param>
public sealed record RunDetection(string Check, double AfterSeconds, string Text, string? Key);
