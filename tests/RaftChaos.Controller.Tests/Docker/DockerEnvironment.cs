using System.Collections.Concurrent;
using Docker.DotNet;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Labels;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>
/// One engine connection for every Docker test, made before any Testcontainers type is touched (the connection sets
/// DOCKER_API_VERSION and TESTCONTAINERS_RYUK_DISABLED). No engine or no base image: the tests are ignored with a
/// message saying what to run, unless RAFTCHAOS_REQUIRE_DOCKER=1 (set by .ci/run), where they fail.
/// At the end, nothing labelled with a run id of these tests may remain.
/// </summary>
[SetUpFixture]
public sealed class DockerEnvironment
{
    /// <summary>The image every test container runs; built by compose/build-base.sh.</summary>
    public const string BaseImage = "raftchaos/base:bookworm";

    private static DockerEngine? _engine;
    private static string? _unavailable;
    private static readonly ConcurrentBag<string> RunIds = [];

    /// <summary>True when RAFTCHAOS_REQUIRE_DOCKER=1: a missing engine fails instead of ignoring.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_DOCKER") == "1";

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        try
        {
            // RAFTCHAOS_SETUP_ENGINE=1 (set by .ci/run): no engine answers, so set one up as a first run would.
            _engine = await EngineSetup.ConnectOrSetUpAsync(EngineSetup.RequestedByEnvironment, TestContext.Progress.WriteLine, CancellationToken.None);
            await _engine.Client.Images.InspectImageAsync(BaseImage);
        }
        catch (DockerUnavailableException ex)
        {
            _unavailable = ex.Message;
        }
        catch (DockerImageNotFoundException)
        {
            _unavailable = $"The base image {BaseImage} is missing. Build it with: sudo bash compose/build-base.sh";
        }
    }

    [OneTimeTearDown]
    public async Task NothingLabelledRemainsAsync()
    {
        if (_engine is null) return;
        var reaper = new Reaper(_engine);
        var left = new List<string>();
        foreach (var runId in RunIds)
        {
            var count = await reaper.CountAsync(runId, CancellationToken.None);
            if (!count.Empty) left.Add($"{runId}: {count}");
            await reaper.ReapAsync(runId, CancellationToken.None);
        }
        await _engine.DisposeAsync();
        Assert.That(left, Is.Empty, "resources labelled raftchaos.run were left behind by the tests");
    }

    /// <summary>The engine, or the test is ignored (failed when Docker is required) with how to start one.</summary>
    public static DockerEngine RequireEngine()
    {
        if (_engine is not null && _unavailable is null) return _engine;
        var message = _unavailable ?? "Docker engine not connected";
        if (Required) Assert.Fail($"{message} (RAFTCHAOS_REQUIRE_DOCKER=1)");
        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A fresh run id for a test, remembered so the final check can prove it left nothing behind.</summary>
    public static string NewRunId()
    {
        var runId = "test-" + RunLabels.NewRunId();
        RunIds.Add(runId);
        return runId;
    }
}
