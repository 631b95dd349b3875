using System.Runtime.InteropServices;
using RaftChaos.Controller.Images;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// Sets up a Docker engine on a bare Debian host the way <c>compose/engine.sh</c> does (Debian's docker.io, iptables,
/// debootstrap and docker-compose from apt; dockerd started in the background), so that a first run on a fresh machine
/// needs nothing but the .NET SDK. The script travels inside this assembly, so it works outside a RaftChaos checkout
/// (the <c>raftchaos</c> tool, a user's test project). Only as root on a host with apt and with no remote
/// <c>DOCKER_HOST</c>: anything else is the user's engine to start, and <see cref="WhyNot()"/> says so.
/// </summary>
public static class EngineSetup
{
    /// <summary>Set to 1 to let the test fixtures set up a missing engine (<c>.ci/run</c> sets it).</summary>
    public const string TestVariable = "RAFTCHAOS_SETUP_ENGINE";

    /// <summary>True when <see cref="TestVariable"/> is 1: a test fixture that finds no engine sets one up (as root).</summary>
    public static bool RequestedByEnvironment => Environment.GetEnvironmentVariable(TestVariable) == "1";

    private const string ScriptResource = "RaftChaos.Controller.Engine.engine.sh";

    /// <summary>Why this process cannot set up an engine itself, or null when it can (root, Linux, apt, local engine).</summary>
    public static string? WhyNot() => WhyNot(OperatingSystem.IsLinux(), File.Exists("/usr/bin/apt-get"),
        Environment.GetEnvironmentVariable("DOCKER_HOST"), OperatingSystem.IsLinux() && geteuid() == 0);

    /// <summary>The rule behind <see cref="WhyNot()"/>, on given facts of the host.</summary>
    internal static string? WhyNot(bool linux, bool apt, string? dockerHost, bool root)
    {
        if (!linux)
        {
            return "setting up an engine is only automated on Debian Linux";
        }
        if (!apt)
        {
            return "this host has no apt-get (not Debian)";
        }
        if (!string.IsNullOrEmpty(dockerHost) && dockerHost != "unix:///var/run/docker.sock")
        {
            return $"DOCKER_HOST={dockerHost} names another engine, which is not ours to start";
        }
        return root ? null : "it needs root";
    }

    /// <summary>The set-up script carried by this assembly (compose/engine.sh at build time).</summary>
    internal static string Script()
    {
        using var resource = typeof(EngineSetup).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"the engine set-up script ({ScriptResource}) is missing from {typeof(EngineSetup).Assembly.Location}");
        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The command that sets up the engine, for a message: <c>sudo PATH engine setup</c> with the absolute path of the
    /// running <c>raftchaos</c> executable, valid from any directory.
    /// </summary>
    public static string Command => $"sudo {Environment.ProcessPath ?? "raftchaos"} engine setup";

    /// <summary>
    /// Runs the set-up script, each of its lines to <paramref name="progress"/>. Idempotent: an engine that answers is
    /// left alone. Throws <see cref="InvalidOperationException"/> with the script's last lines when it fails.
    /// </summary>
    public static async Task RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var script = Path.Combine(Path.GetTempPath(), $"raftchaos-engine-{Environment.ProcessId}.sh");
        await File.WriteAllTextAsync(script, Script(), cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ExternalProcess.RunAsync("bash", [script], Path.GetTempPath(), progress, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var tail = string.Join(Environment.NewLine, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10));
                throw new InvalidOperationException($"setting up the Docker engine failed (exit {result.ExitCode}):{Environment.NewLine}{tail}");
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// Connects to the engine; when none answers, <paramref name="setUpWhenMissing"/> is true and this process may
    /// (<see cref="WhyNot()"/> is null), sets one up first, each step to <paramref name="progress"/>. Otherwise throws
    /// <see cref="DockerUnavailableException"/> as <see cref="DockerEngine.ConnectAsync"/> does.
    /// </summary>
    public static async Task<DockerEngine> ConnectOrSetUpAsync(bool setUpWhenMissing, Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await DockerEngine.ConnectAsync(null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerUnavailableException) when (setUpWhenMissing && WhyNot() is null)
        {
            await RunAsync(progress, cancellationToken).ConfigureAwait(false);
            return await DockerEngine.ConnectAsync(null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    // The effective user id: root may install packages and start dockerd. (Environment.UserName reads $USER, which sudo
    // and containers do not always set.)
    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
