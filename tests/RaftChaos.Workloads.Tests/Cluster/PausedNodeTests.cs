using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Cluster;

/// <summary>
/// A real node frozen with SIGSTOP: the kernel still accepts connections, the node answers nothing. The write sent to
/// it is unknown (info, deadline); every later operation waits in the status probe until its timeout and was never
/// sent (fail, probe-failed).
/// </summary>
[NonParallelizable]
public sealed class PausedNodeTests
{
    [SetUp]
    public void RequireNodeBuild()
    {
        if (!File.Exists(NodeProcessCluster.NodeDll))
        {
            Assert.Ignore($"the node build is not available ({NodeProcessCluster.NodeDll} is missing); build RaftChaos.sln to run the cluster tests");
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
