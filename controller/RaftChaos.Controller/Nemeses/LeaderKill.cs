namespace RaftChaos.Controller.Nemeses;

/// <summary>A kill that hit the leader: which node, and when (history time, ns).</summary>
public sealed record LeaderKill(string NodeId, long Time);
