using Docker.DotNet.Models;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Networking;

namespace RaftChaos.Controller.Tests.Docker;

/// <summary>Reaper against real resources: it removes everything labelled with a run id, and nothing of another run.</summary>
[TestFixture, Category("Docker")]
public sealed class ReaperTests
{
    [Test]
    public async Task Reap_RemovesContainersAndNetworksOfOneRun_LeavesOtherRuns()
    {
        var ct = CancellationToken.None;
        var engine = DockerEnvironment.RequireEngine();
        var reaper = new Reaper(engine);
        var doomed = DockerEnvironment.NewRunId();
        var kept = DockerEnvironment.NewRunId();

        var network = await RunNetwork.CreateAsync(engine, doomed, null, null, ct);
        // Created with the engine API directly (not Testcontainers): the label alone is what the reaper goes by.
        await CreateAsync(doomed, "n1", network.Name, start: true, ct);
        await CreateAsync(doomed, "n2", network.Name, start: false, ct);
        await CreateAsync(kept, "n1", null, start: true, ct);

        Assert.That(await reaper.CountAsync(doomed, ct), Is.EqualTo(new ReapResult(2, 1)));
        var reaped = await reaper.ReapAsync(doomed, ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(reaped, Is.EqualTo(new ReapResult(2, 1)));
            Assert.That(await reaper.CountAsync(doomed, ct), Is.EqualTo(new ReapResult(0, 0)), "after reaping");
            Assert.That(await reaper.CountAsync(kept, ct), Is.EqualTo(new ReapResult(1, 0)), "another run is untouched");
            Assert.That(await reaper.ReapAsync(doomed, ct), Is.EqualTo(new ReapResult(0, 0)), "reaping twice is harmless");
        });
        await reaper.ReapAsync(kept, ct);
        Assert.That((await reaper.CountAsync(kept, ct)).Empty, Is.True);
    }

    private static async Task CreateAsync(string runId, string nodeId, string? network, bool start, CancellationToken ct)
    {
        var engine = DockerEnvironment.RequireEngine();
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerEnvironment.BaseImage,
            Name = $"raftchaos-{runId}-{nodeId}",
            Cmd = ["sleep", "infinity"],
            Labels = RunLabels.For(runId, nodeId).ToDictionary(),
            HostConfig = new HostConfig { NetworkMode = network ?? "bridge" },
        }, ct);
        if (start) await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
    }
}
