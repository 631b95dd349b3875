namespace RaftChaos.Controller.Engine;

/// <summary>A command that a fault needs (iptables, writing the clock file) exited non-zero inside a container.</summary>
public sealed class ExecFailedException(string containerId, IReadOnlyList<string> command, ExecResult result)
    : Exception($"'{string.Join(' ', command)}' in container {containerId[..Math.Min(12, containerId.Length)]} exited {result.ExitCode}: {result.Stderr.Trim()}")
{
    /// <summary>The container the command ran in.</summary>
    public string ContainerId { get; } = containerId;

    /// <summary>The command and its arguments.</summary>
    public IReadOnlyList<string> Command { get; } = command;

    /// <summary>Exit code and output.</summary>
    public ExecResult Result { get; } = result;
}
