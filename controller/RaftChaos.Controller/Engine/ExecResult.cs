namespace RaftChaos.Controller.Engine;

/// <summary>The outcome of a command run in a container with <see cref="DockerEngine.ExecAsync"/>.</summary>
public sealed record ExecResult(long ExitCode, string Stdout, string Stderr)
{
    /// <summary>True when the command exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
