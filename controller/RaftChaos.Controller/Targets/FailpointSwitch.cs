namespace RaftChaos.Controller.Targets;

/// <summary>
/// How a target's built-in failpoints are armed and disarmed at run time: a command run in each node container (as
/// root, through docker exec). The nodes start disarmed, so the cluster can elect before the faults begin, and the
/// final heal disarms them, so the last election can settle.
/// </summary>
/// <param name="Arm">The command that arms the failpoints.</param>
/// <param name="Disarm">The command that disarms them.</param>
public sealed record FailpointSwitch(IReadOnlyList<string> Arm, IReadOnlyList<string> Disarm);
