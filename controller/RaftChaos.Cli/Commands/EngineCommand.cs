using System.CommandLine;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos engine setup</c>: makes a Docker engine answer on a bare Debian host (as root), the step a first run
/// otherwise does by itself. Also the place the first-run check lives that <c>run</c>, <c>images</c> and <c>nightly</c>
/// share: no engine answers, so set one up when this process may, or say exactly which command would.
/// </summary>
internal static class EngineCommand
{
    public static Command Create()
    {
        var setup = new Command("setup", "Set up a Docker engine on this Debian host (as root): docker.io, iptables, debootstrap and docker-compose from apt, dockerd in the background. Does nothing when an engine answers.");
        setup.Action = new UsageCheckedAction(async (r, ct) =>
        {
            var output = r.InvocationConfiguration.Output;
            if (EngineSetup.WhyNot() is { } whyNot)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"raftchaos engine setup: cannot set up an engine here: {whyNot}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            try
            {
                await EngineSetup.RunAsync(line => output.WriteLine(line), ct).ConfigureAwait(false);
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync("raftchaos engine setup: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return new Command("engine", "The Docker engine the bed runs on") { setup };
    }

    /// <summary>
    /// Before a command that needs an engine: when none answers and this process may set one up (root, Debian, no
    /// remote DOCKER_HOST), sets it up, printing each step to <paramref name="output"/>. Returns null when an engine
    /// answers afterwards, else the message for exit 69, naming the exact command that would set one up.
    /// </summary>
    public static async Task<string?> EnsureAsync(TextWriter output, CancellationToken ct)
    {
        try
        {
            await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
            return null;
        }
        catch (DockerUnavailableException ex) when (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host && host != "unix:///var/run/docker.sock")
        {
            return $"No Docker engine answers at {ex.Endpoint} ({ex.Reason}). DOCKER_HOST names that engine: start it, or unset DOCKER_HOST to use (and set up) a local one.";
        }
        catch (DockerUnavailableException ex) when (EngineSetup.WhyNot() is { } whyNot)
        {
            return $"No Docker engine answers at {ex.Endpoint} ({ex.Reason}), and this process cannot set one up ({whyNot}). "
                + $"On Debian, set one up with: {EngineSetup.Command}";
        }
        catch (DockerUnavailableException ex)
        {
            await output.WriteLineAsync($"No Docker engine answers at {ex.Endpoint} ({ex.Reason}); setting one up (what 'raftchaos engine setup' does):").ConfigureAwait(false);
            try
            {
                await EngineSetup.RunAsync(line => output.WriteLine("  " + line), ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException setupFailed)
            {
                return setupFailed.Message;
            }
        }
        try
        {
            await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
            return null;
        }
        catch (DockerUnavailableException ex)
        {
            return $"the engine was set up but does not answer: {ex.Message}";
        }
    }
}
