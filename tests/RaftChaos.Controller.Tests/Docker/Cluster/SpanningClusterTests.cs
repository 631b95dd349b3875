using System.Diagnostics;
using System.Globalization;
using CreateContainerParameters = Docker.DotNet.Models.CreateContainerParameters;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Labels;
using RaftChaos.Node.Api;
using RaftChaos.TestSupport.Docker;

namespace RaftChaos.Controller.Tests.Docker.Cluster;

/// <summary>
/// Issue 19: one 3-node cluster spread over two real engines on this host (the main one and compose/second-engine.sh's):
/// n1 and n3 on the first, n2 on the second, peers meeting at the host address and published ports. Partitions cut at
/// the sender by host address and port, measured with TCP connects from the nodes' own namespaces; kill, pause and clock
/// act on the engine that holds the node.
/// </summary>
[TestFixture, Category("Docker"), NonParallelizable]
public sealed class SpanningClusterTests
{
    private DockerEngine _second = null!;
    private RaftCluster _cluster = null!;
    private string _runId = null!;
    private string _leftoverRunId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var first = DockerEnvironment.RequireEngine();
        _second = await SecondEngine.RequireAsync();
        _runId = DockerEnvironment.NewRunId();
        _leftoverRunId = DockerEnvironment.NewRunId();
        await PlantLeftoverAsync(first, _leftoverRunId);
        var clock = Stopwatch.StartNew();
        _cluster = await RaftCluster.StartAsync(new ClusterOptions
        {
            Nodes = 3,
            RunId = _runId,
            Target = await ClusterFixture.TargetAsync(),
            Seed = 19,
            Engines = [first.Endpoint, _second.Endpoint],
        }, first, null, ClusterFixture.Timeout(600));
        TestContext.Progress.WriteLine($"spanning cluster up in {clock.Elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", _cluster.Nodes.Select(n => $"{n.Id} on {n.Engine} at {n.PublishedPeer}")));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_second is null) return;
        // The main engine's leftovers are checked by DockerEnvironment; the second engine's here.
        var left = await new Reaper(_second).CountAsync(_runId, CancellationToken.None);
        // Whatever happened, nothing of these test runs stays on the second engine.
        foreach (var runId in new[] { _runId, _leftoverRunId }.OfType<string>()) await new Reaper(_second).ReapAsync(runId, CancellationToken.None);
        await _second.DisposeAsync();
        Assert.That(left.Empty, $"run {_runId} left {left} on the second engine");
    }

    [Test]
    public async Task Start_ACrashedControllersNodeOnTheSecondEngine_Reaped()
    {
        var left = await new Reaper(_second).CountAsync(_leftoverRunId, CancellationToken.None);
        Assert.That(left.Empty, $"the planted leftover of a dead controller is still on the second engine: {left}");
    }

    [Test, Order(1)]
    public async Task Partition_NodeOnTheSecondEngine_CutFromItsPeersBothWays_MajorityWritesThroughout_Heals()
    {
        var ct = ClusterFixture.Timeout(240);
        await _cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);
        var (n1, n2, n3) = (_cluster["n1"], _cluster["n2"], _cluster["n3"]);
        Assert.Multiple(() =>
        {
            Assert.That(_cluster.SpansEngines, Is.True);
            Assert.That((n1.Engine, n2.Engine, n3.Engine), Is.EqualTo((_cluster.Engine.Endpoint, _second.Endpoint, _cluster.Engine.Endpoint)), "round-robin placement");
            Assert.That(n1.PublishedPeer!.Address, Is.EqualTo(n3.PublishedPeer!.Address), "n1 and n3 share their engine's host address, told apart by port");
        });
        Assert.That(await CanConnectAsync(n2, n1, ct), Is.True, "before: n2 (second engine) reaches n1's published peer port");
        Assert.That(await CanConnectAsync(n1, n2, ct), Is.True, "before: n1 reaches n2's");
        await WriteOnMajorityAsync("before", ct);

        await _cluster.PartitionAsync(Grudges.Isolate(_cluster.NodeIds, "n2"), ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CanConnectAsync(n2, n1, ct), Is.False, "during: n2 -> n1");
            Assert.That(await CanConnectAsync(n2, n3, ct), Is.False, "during: n2 -> n3");
            Assert.That(await CanConnectAsync(n1, n2, ct), Is.False, "during: n1 -> n2 (the cut holds at both senders)");
            Assert.That(await CanConnectAsync(n1, n3, ct), Is.True, "during: n1 -> n3, same host address, another port: not cut");
        });
        for (var i = 0; i < 5; i++) await WriteOnMajorityAsync($"during-{i}", ct);
        // The cut node hears from nobody: no peer contact it reports is within the last second. (-1: never heard from that
        // peer, as a follower may never hear from the other follower; below -1: the last contact was stamped while an
        // earlier clock fault had moved the node's clock ahead, so none came since that fault was healed.)
        await Task.Delay(1500, ct);
        var isolated = await _cluster.StatusAsync("n2", ct);
        TestContext.Out.WriteLine($"isolated n2: role {isolated.Role} term {isolated.Term} contacts {isolated.PeerLastContactMs}");
        Assert.That(isolated.PeerLastContactMs.Values, Is.All.Not.InRange(0L, 1000L));

        await _cluster.HealPartitionAsync(ct);

        Assert.That(await _cluster.VerifyHealedAsync(TimeSpan.FromSeconds(2), ct), Is.Empty, "no rule left (read back in every namespace)");
        Assert.That(await CanConnectAsync(n2, n1, ct), Is.True, "after: n2 -> n1");
        Assert.That(await CanConnectAsync(n1, n2, ct), Is.True, "after: n1 -> n2");
        await WriteOnMajorityAsync("after", ct);
        // n2 is back in the cluster: it names the leader and holds the writes made while it was cut off.
        await _cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);
        var caughtUp = await ClusterFixture.WaitForAsync(async () =>
        {
            var read = await _cluster.Client("n2").ReadAsync(new ReadRequest { Key = "during-4", StaleOk = true }, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
            return read.Found ? read.Value.ToStringUtf8() : null;
        }, TimeSpan.FromSeconds(20), ct);
        Assert.That(caughtUp, Is.EqualTo("during-4"), "n2 caught up with what the majority wrote while it was cut off");
    }

    [Test, Order(2)]
    public async Task KillPauseClock_NodeOnTheSecondEngine_ActThere()
    {
        var ct = ClusterFixture.Timeout(240);
        await _cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);
        var n2 = _cluster["n2"];
        Assert.That(_cluster.EngineOf("n2").Endpoint, Is.EqualTo(_second.Endpoint));

        await _cluster.PauseAsync("n2", ct);
        var paused = await _second.Client.Containers.InspectContainerAsync(n2.ContainerId, ct);
        Assert.That(paused.State.Paused, Is.True, "the second engine reports n2 paused");
        Assert.That(await _cluster.TryStatusAsync("n2", ct), Is.Null, "a frozen node does not answer");
        await _cluster.ResumeAsync("n2", ct);
        Assert.That(await ClusterFixture.WaitForAsync(() => _cluster.TryStatusAsync("n2", ct), TimeSpan.FromSeconds(10), ct), Is.Not.Null);

        await _cluster.KillAsync("n2", ct);
        var killed = await _second.Client.Containers.InspectContainerAsync(n2.ContainerId, ct);
        Assert.That((killed.State.Running, killed.State.ExitCode), Is.EqualTo((false, 137L)), "SIGKILLed on the second engine");
        await _cluster.StartNodeAsync("n2", ct);
        Assert.That(await ClusterFixture.WaitForAsync(() => _cluster.TryStatusAsync("n2", ct), TimeSpan.FromSeconds(20), ct), Is.Not.Null, "answers again after its start");

        await _cluster.SetClockAsync("n2", ClockSkew.Bump(TimeSpan.FromSeconds(60)), ct);
        var skewed = await ClusterFixture.WaitForAsync(async () => await _cluster.WallClockSkewAsync("n2", ct) is { } s && s > TimeSpan.FromSeconds(50) ? (TimeSpan?)s : null, TimeSpan.FromSeconds(10), ct);
        Assert.That(skewed, Is.Not.Null, "n2's wall clock moved about 60 s ahead");
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"n2's wall clock skew: {skewed!.Value.TotalSeconds:F1} s"));

        await _cluster.HealAsync(ct);
        await _cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);
        Assert.That(await _cluster.VerifyHealedAsync(TimeSpan.FromSeconds(2), ct), Is.Empty);
    }

    /// <summary>
    /// A node container on the second engine as a crashed controller leaves it: labelled with its run and an owner on
    /// this host whose process is gone (no pid is int.MaxValue). The cluster's start must reap it.
    /// </summary>
    private async Task PlantLeftoverAsync(DockerEngine first, string runId)
    {
        await ImageShipping.EnsureAsync(first, _second, [DockerEnvironment.BaseImage], TestContext.Progress.WriteLine, CancellationToken.None);
        var owner = new RunOwner(Environment.MachineName, int.MaxValue, 0);
        await _second.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerEnvironment.BaseImage,
            Name = $"raftchaos-{runId}-n1",
            Cmd = ["sleep", "infinity"],
            Labels = new Dictionary<string, string>
            {
                [RunLabels.Run] = runId, [RunLabels.Node] = "n1", [RunLabels.Role] = RunLabels.NodeRole, [RunOwner.Label] = owner.ToString(),
            },
        });
        Assert.That((await new Reaper(_second).CountAsync(runId, CancellationToken.None)).Containers, Is.EqualTo(1), "planted");
    }

    /// <summary>
    /// True when a TCP connect from <paramref name="from"/>'s network namespace (its helper, on its own engine) to
    /// <paramref name="to"/>'s published peer endpoint succeeds within 2 s: the path the node's own peer traffic takes.
    /// </summary>
    private async Task<bool> CanConnectAsync(ClusterNode from, ClusterNode to, CancellationToken ct)
    {
        var helper = await _cluster.NetworkHelperAsync(from.Id, ct);
        var peer = to.PublishedPeer!;
        var result = await _cluster.EngineOf(from.Id).ExecAsync(helper, ["nc", "-z", "-w", "2", peer.Address.ToString(), peer.Port.ToString(CultureInfo.InvariantCulture)], ct);
        return result.Succeeded;
    }

    /// <summary>Writes key = value through n1 or n3 (the majority, on the first engine), whichever leads, within 20 s (an election may be under way).</summary>
    private async Task WriteOnMajorityAsync(string key, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var last = "";
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            foreach (var node in new[] { "n1", "n3" })
            {
                try
                {
                    var reply = await _cluster.Client(node).WriteAsync(new WriteRequest { Key = key, Value = ByteString.CopyFromUtf8(key) },
                        deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: ct);
                    if (reply.NotLeader is null) return;
                    last = $"{node}: not leader";
                }
                catch (RpcException ex)
                {
                    last = $"{node}: {ex.StatusCode}";
                }
            }
            await Task.Delay(200, ct);
        }
        Assert.Fail($"no write of '{key}' succeeded on the majority (n1, n3) within 20 s; last: {last}");
    }
}
