using System.Diagnostics;
using RaftChaos.Controller.Engine;

namespace RaftChaos.TestSupport.Docker;

/// <summary>
/// The second engine of the multi-engine tests (compose/second-engine.sh: a second dockerd on this host), shared by the
/// test projects that need it (linked into each as source: the library projects below it stay free of test code). When
/// it does not answer and this process may start an engine (root, see <see cref="EngineSetup.WhyNot()"/>), the script
/// starts it (idempotent, a few seconds; it stays up, as <c>.ci/run</c>'s does until its end). Otherwise the test is
/// ignored with the command that starts it, or failed when RAFTCHAOS_REQUIRE_DOCKER=1.
/// </summary>
internal static class SecondEngine
{
    /// <summary>Where compose/second-engine.sh makes it answer.</summary>
    public static readonly EngineEndpoint Endpoint = EngineEndpoint.Parse("unix:///var/run/docker2.sock");

    private static readonly SemaphoreSlim StartGate = new(1, 1);

    /// <summary>Connects to it (the caller disposes it), starting it first when it is down and may be started; or ignores / fails the test.</summary>
    public static async Task<DockerEngine> RequireAsync()
    {
        string reason;
        try
        {
            return await ConnectAsync();
        }
        catch (DockerUnavailableException ex)
        {
            reason = ex.Reason;
        }

        var why = EngineSetup.WhyNot() ?? (FindScript() is null ? "compose/second-engine.sh is not above the test directory" : null);
        if (why is null)
        {
            await StartAsync();
            return await ConnectAsync();
        }
        var message = $"no second engine answers at {Endpoint} ({reason}), and this test cannot start one ({why}); start one with: sudo bash compose/second-engine.sh start";
        if (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_DOCKER") == "1") Assert.Fail($"{message} (RAFTCHAOS_REQUIRE_DOCKER=1)");
        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    private static Task<DockerEngine> ConnectAsync()
        => DockerEngine.ConnectAsync(new DockerEngineOptions { Endpoint = Endpoint, ConnectTimeout = TimeSpan.FromSeconds(5) }, null, CancellationToken.None);

    // One start at a time: tests of one project may ask at once, and the script is idempotent but not concurrent.
    private static async Task StartAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            var script = FindScript()!;
            TestContext.Progress.WriteLine($"[second engine] bash {script} start");
            using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            TestContext.Progress.WriteLine("[second engine] " + (await output).Trim());
            if (process.ExitCode != 0) Assert.Fail($"compose/second-engine.sh start failed (exit {process.ExitCode}): {(await error).Trim()}");
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "compose", "second-engine.sh");
            if (File.Exists(script)) return script;
        }
        return null;
    }
}
