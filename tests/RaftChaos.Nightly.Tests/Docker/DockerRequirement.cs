using Docker.DotNet;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Nightly.Tests.Docker;

/// <summary>
/// The same guard as the controller's Docker tests: no engine or no base image ignores the test with a message saying
/// what to run, unless RAFTCHAOS_REQUIRE_DOCKER=1 (set by .ci/run), where it fails.
/// </summary>
internal static class DockerRequirement
{
    private const string BaseImage = "raftchaos/base:bookworm";

    /// <summary>Connects to the engine (the caller disposes it), or ignores / fails the test.</summary>
    public static async Task<DockerEngine> RequireAsync()
    {
        string message;
        try
        {
            var engine = await EngineSetup.ConnectOrSetUpAsync(EngineSetup.RequestedByEnvironment, TestContext.Progress.WriteLine, CancellationToken.None);
            try
            {
                await engine.Client.Images.InspectImageAsync(BaseImage);
                return engine;
            }
            catch (DockerImageNotFoundException)
            {
                await engine.DisposeAsync();
                message = $"The base image {BaseImage} is missing. Build it with: sudo bash compose/build-base.sh";
            }
        }
        catch (DockerUnavailableException ex)
        {
            message = ex.Message;
        }

        if (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_DOCKER") == "1") Assert.Fail($"{message} (RAFTCHAOS_REQUIRE_DOCKER=1)");
        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }
}
