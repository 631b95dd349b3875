using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>DockerEngine against the real engine: API pinning, the Testcontainers environment, exec.</summary>
[TestFixture, Category("Docker")]
public sealed class EngineTests
{
    [Test]
    public async Task Connect_PinsApiVersionTheEngineSpeaks_AndLeavesTheEnvironmentAlone()
    {
        var before = EnvironmentOfTestcontainers();
        await using var engine = await DockerEngine.ConnectAsync(null, null, CancellationToken.None);
        TestContext.Out.WriteLine($"engine {engine.ServerVersion} at {engine.Endpoint}, API {engine.ApiVersion}");
        Assert.Multiple(() =>
        {
            Assert.That(engine.ApiVersion, Is.LessThanOrEqualTo(new Version(1, 44)));
            // Testcontainers gets the engine's version per container, not through the process environment.
            Assert.That(engine.TestcontainersEndpoint.Version, Is.EqualTo(engine.ApiVersion));
            Assert.That(engine.TestcontainersEndpoint.Endpoint, Is.EqualTo(engine.Endpoint.Uri));
            Assert.That(EnvironmentOfTestcontainers(), Is.EqualTo(before));
        });
    }

    private static string EnvironmentOfTestcontainers()
        => $"DOCKER_API_VERSION={Environment.GetEnvironmentVariable("DOCKER_API_VERSION")};" +
           $"TESTCONTAINERS_RYUK_DISABLED={Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED")}";

    [Test]
    public async Task Exec_ReturnsExitCodeAndBothStreams()
    {
        var ct = CancellationToken.None;
        await using var cluster = await TestCluster.StartAsync(1, "sleep infinity", null, ct);
        var result = await cluster.ShAsync(0, "echo out; echo err >&2; exit 3", ct);

        Assert.That(result, Is.EqualTo(new ExecResult(3, "out\n", "err\n")));
        await Assert.ThrowsAsync<ExecFailedException>(() => cluster.Engine.ExecCheckedAsync(cluster.Nodes[0].ContainerId, ["false"], ct));
    }
}
