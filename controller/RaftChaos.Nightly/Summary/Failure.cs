namespace RaftChaos.Nightly.Summary;

/// <summary>Something that makes the night fail, and how to see it again.</summary>
/// <param name="What">E.g. <c>clean run 03-n5-kv-all: invalid (false alarm)</c> or <c>bug lease-reads: not caught in 3 seeds</c>.</param>
/// <param name="Replay">The exact <c>raftchaos run ...</c> command that replays it, or null (e.g. an interrupted night).</param>
/// <param name="Report">The run's report relative to the night's folder, or null.</param>
public sealed record Failure(string What, string? Replay, string? Report);
