using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Cluster;

/// <summary>
/// How the client's operations end against real node processes: the redirect on a three-node cluster (processes bound
/// to followers get their writes and cas refused with not_leader naming the leader, and the runner sends them once more
/// to that leader within the same operation), and a node frozen with SIGSTOP (the kernel still accepts connections, the
/// node answers nothing: the operation sent is unknown, every later one waits in the status probe until its timeout
/// and was never sent, fail probe-failed).
/// </summary>
[NonParallelizable]
public sealed class ClientOutcomesClusterTests
{
    [SetUp]
    public void RequireNodeBuild() => NodeProcessCluster.IgnoreUnlessBuilt();

    [Test]
    [CancelAfter(90_000)]
    public async Task RunAsync_ProcessesOnFollowers_MutationsEndOnTheLeaderReadsStayOnTheFollower(CancellationToken ct)
    {
        using var cluster = NodeProcessCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
        var endpoints = cluster.Endpoints();
        try
        {
            using var recorder = HistoryRecorder.InMemory();
            // One process per node: slots 0, 1, 2 on n1, n2, n3.
            var options = new WorkloadOptions { Workload = "register", Rate = 150, Concurrency = 3, Timeout = TimeSpan.FromSeconds(1), Seed = 8 };
            var runner = new WorkloadRunner(options, endpoints, recorder);

            await runner.RunAsync(TimeSpan.FromSeconds(3), ct);
            var completions = recorder.Events.Where(e => e.Type != HistoryEventType.Invoke).ToList();
            var redirected = completions.Where(e => e.RedirectedFrom is not null).ToList();
            var followerReads = completions.Where(e => e.F == "read" && e.Node != leader).ToList();

            TestContext.Out.WriteLine($"leader at the start {leader}; {completions.Count} completions, {followerReads.Count} reads on followers; redirected: "
                + string.Join(", ", redirected.GroupBy(e => $"{e.RedirectedFrom}->{e.Node} {e.Type} {e.Error}").Select(g => $"{g.Key} x{g.Count()}")));
            Assert.Multiple(() =>
            {
                // The leader may change under load on a shared machine: what counts is that the node named took the write.
                Assert.That(redirected.Where(e => e.Type == HistoryEventType.Ok && e.Node != e.RedirectedFrom), Is.Not.Empty,
                    "a follower's refusal was followed to the leader it named, and the write or cas took effect there");
                Assert.That(redirected.Where(e => e.F == "read"), Is.Empty, "reads are never redirected");
                Assert.That(followerReads.Where(e => e.Type == HistoryEventType.Ok), Is.Not.Empty, "followers still serve reads");
                Assert.That(completions.All(e => e.Node is not null), "every completion names its node");
                Assert.That(HistoryCheck.Check(recorder.Events, runner.Generator.ModelName).Verdict, Is.EqualTo(Verdict.Valid), cluster.Logs());
            });
        }
        finally
        {
            endpoints.ForEach(e => e.Dispose());
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_NodePaused_FirstOperationUnknownThenProbeFailedNeverSent(CancellationToken ct)
    {
        using var cluster = NodeProcessCluster.Start(1);
        var node = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
        var endpoints = cluster.Endpoints();
        cluster.Signal(node, pause: true);
        try
        {
            using var recorder = HistoryRecorder.InMemory();
            var options = new WorkloadOptions { Workload = "register", Rate = 20, Concurrency = 1, Timeout = TimeSpan.FromMilliseconds(300), Seed = 5 };
            var runner = new WorkloadRunner(options, endpoints, recorder);

            await runner.RunAsync(TimeSpan.FromSeconds(2), ct);
            var completions = recorder.Events.Where(e => e.Type != HistoryEventType.Invoke).ToList();

            TestContext.Out.WriteLine(string.Join(Environment.NewLine, completions.Select(e => HistoryWriter.FormatLine(e, withNewline: false))));
            Assert.Multiple(() =>
            {
                Assert.That(completions, Has.Count.GreaterThan(1));
                Assert.That((completions[0].Error, completions[0].Node), Is.EqualTo(("deadline", node)), "the first operation was sent");
                Assert.That(completions[0].Type, Is.EqualTo(completions[0].F == "read" ? HistoryEventType.Fail : HistoryEventType.Info));
                Assert.That(completions.Skip(1).Select(e => (e.Type, e.Error)).Distinct(), Is.EqualTo(new[] { (HistoryEventType.Fail, (string?)"probe-failed") }));
                Assert.That(HistoryCheck.Check(recorder.Events, runner.Generator.ModelName).Verdict, Is.EqualTo(Verdict.Valid));
            });
        }
        finally
        {
            cluster.Signal(node, pause: false);
            endpoints.ForEach(e => e.Dispose());
        }
    }
}
