using RaftChaos.Controller.Engine;

namespace RaftChaos.Nightly.Tests.Docker;

/// <summary>
/// The second engine of the multi-engine tests (compose/second-engine.sh, which .ci/run starts): connected, or the test
/// is ignored with the command that starts it (failed when RAFTCHAOS_REQUIRE_DOCKER=1).
/// </summary>
internal static class SecondEngine
{
    /// <summary>Where compose/second-engine.sh makes it answer.</summary>
    public static readonly EngineEndpoint Endpoint = EngineEndpoint.Parse("unix:///var/run/docker2.sock");

    /// <summary>Connects to it (the caller disposes it), or ignores / fails the test.</summary>
    public static async Task<DockerEngine> RequireAsync()
    {
        try
        {
            return await DockerEngine.ConnectAsync(new DockerEngineOptions { Endpoint = Endpoint, ConnectTimeout = TimeSpan.FromSeconds(5) }, null, CancellationToken.None);
        }
        catch (DockerUnavailableException ex)
        {
            var message = $"no second engine answers at {Endpoint} ({ex.Reason}); start one with: sudo bash compose/second-engine.sh start";
            if (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_DOCKER") == "1") Assert.Fail($"{message} (RAFTCHAOS_REQUIRE_DOCKER=1)");
            Assert.Ignore(message);
            throw new InvalidOperationException("unreachable");
        }
    }
}
