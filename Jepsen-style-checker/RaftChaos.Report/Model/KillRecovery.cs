namespace RaftChaos.Report.Model;

/// <summary>One kill and how long until a write was acknowledged again.</summary>
/// <param name="Time">When the kill happened (nanoseconds since the start), or null when results.json gives only the figure.</param>
/// <param name="Target">What was killed (the nemesis event's value, or results.json's node), when known.</param>
/// <param name="UntilNextWrite">Nanoseconds from the kill to the next ok write/cas/put/append completion; null if none followed.</param>
public sealed record KillRecovery(long? Time, string? Target, long? UntilNextWrite);
