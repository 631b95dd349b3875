namespace RaftChaos.Controller.Runs;

/// <summary>One kill of the leader: when (ms of run time), which node, ms until the next acknowledged write (null: none followed).</summary>
public sealed record KillToWrite(double AtMs, string Node, double? Ms);
