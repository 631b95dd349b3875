using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Running;

// These run the real runner on the system clock for a fraction of a second; they assert on what was recorded,
// never on how long anything took.
public sealed class WorkloadRunnerTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);

    private static WorkloadOptions Options(string workload = "register", int concurrency = 5, int seed = 1) => new()
    {
        Workload = workload,
        Concurrency = concurrency,
        Rate = 1500,
        Seed = seed,
        Timeout = TimeSpan.FromSeconds(2),
        FinalReadRetryDelay = TimeSpan.FromMilliseconds(1),
    };

    [TestCase("register")]
    [TestCase("kv")]
    public async Task RunAsync_LinearizableFake_HistoryPassesTheChecker(string workload)
    {
        var store = new FakeKvStore();
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(Options(workload), store.Endpoints(3), recorder);

        var summary = await runner.RunAsync(Short);
        var final = await runner.ReadFinalAsync();
        var result = HistoryCheck.Check(recorder.Events, runner.Generator.ModelName);

        TestContext.Out.WriteLine($"{summary}; final {final.Reads.Count} reads; verdict {result.Verdict}");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Operations.Invoked, Is.GreaterThan(100));
            Assert.That(summary.Operations.Pending, Is.Zero);
            Assert.That(summary.Operations.Info, Is.Zero);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Valid));
            Assert.That(final.AllOk, Is.True);
            Assert.That(final.DisagreeingKeys, Is.Empty);
            Assert.That(final.Reads, Has.Count.EqualTo(3 * summary.TouchedKeys.Count));
        });
    }

    [Test]
    public async Task RunAsync_StaleReadFake_HistoryFailsTheChecker()
    {
        var store = new FakeKvStore(staleBy: 1);
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(Options(), store.Endpoints(3), recorder);

        await runner.RunAsync(Short);
        var result = HistoryCheck.Check(recorder.Events, runner.Generator.ModelName);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public async Task RunAsync_InfoOutcomes_ProcessRetiredForOldPlusConcurrency()
    {
        const int concurrency = 4;
        // Writes end in doubt; reads and cas are fine.
        var endpoint = new ScriptedEndpoint("n1", op => op.F == "write" ? OperationOutcome.Info("lost") : op.IsRead ? OperationOutcome.OkRead(HistoryValue.Null) : OperationOutcome.Fail("no"));
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(Options(concurrency: concurrency), [endpoint], recorder);

        var summary = await runner.RunAsync(Short);
        var events = recorder.Events.Where(e => e.Type != HistoryEventType.Invoke).ToList();
        var infos = events.Where(e => e.Type == HistoryEventType.Info).ToList();

        Assert.That(infos, Is.Not.Empty);
        Assert.That(summary.ProcessesRetired, Is.EqualTo(infos.Count));
        Assert.Multiple(() =>
        {
            foreach (var byProcess in events.GroupBy(e => e.Process.ClientId))
            {
                // An info is the last thing a process does.
                var list = byProcess.ToList();
                Assert.That(list.Take(list.Count - 1).Any(e => e.Type == HistoryEventType.Info), Is.False, $"process {byProcess.Key}");
            }

            foreach (var info in infos)
            {
                // The successor of the retired process is id + concurrency (when the slot did anything more).
                var successor = info.Process.ClientId + concurrency;
                var slotLater = events.Where(e => e.Index > info.Index && e.Process.ClientId % concurrency == info.Process.ClientId % concurrency);
                Assert.That(slotLater.All(e => e.Process.ClientId >= successor), $"after {info}");
            }
        });
    }

    [Test]
    public async Task RunAsync_OperationsTimeOut_WritesInfoReadsFailReadsKeepTheirProcess()
    {
        var endpoint = new ScriptedEndpoint("n1", _ => ScriptedEndpoint.Hang);
        using var recorder = HistoryRecorder.InMemory();
        var options = Options(concurrency: 2) with { Timeout = TimeSpan.FromMilliseconds(30) };
        var runner = new WorkloadRunner(options, [endpoint], recorder);

        var summary = await runner.RunAsync(Short);
        var completions = recorder.Events.Where(e => e.Type != HistoryEventType.Invoke).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(completions, Is.Not.Empty);
            Assert.That(completions.Where(e => e.F == "read").Select(e => e.Type).Distinct(), Is.EqualTo(new[] { HistoryEventType.Fail }).Or.Empty);
            Assert.That(completions.Where(e => e.F != "read").Select(e => e.Type).Distinct(), Is.EqualTo(new[] { HistoryEventType.Info }));
            Assert.That(summary.ProcessesRetired, Is.EqualTo(completions.Count(e => e.F != "read")));
            Assert.That(summary.Operations.Pending, Is.Zero);
        });
    }

    [Test]
    public async Task RunAsync_TimeoutCutsTheStatusProbeShort_FailProbeFailedNotInfo()
    {
        // The first call gets no reply (the endpoint turns suspect); after that the node answers nothing, so every
        // later operation waits in its status probe until the timeout: never sent, hence fail, not info.
        var invoker = new FakeCallInvoker(async (request, token) =>
        {
            if (request is Node.Api.StatusRequest)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "connection reset"));
        });
        var endpoint = new GrpcKvEndpoint("n1", new Node.Api.Kv.KvClient(invoker));
        using var recorder = HistoryRecorder.InMemory();
        var options = Options(concurrency: 1) with { Timeout = TimeSpan.FromMilliseconds(50) };

        await new WorkloadRunner(options, [endpoint], recorder).RunAsync(Short);
        var later = recorder.Events.Where(e => e.Type != HistoryEventType.Invoke).Skip(1).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(later, Is.Not.Empty);
            Assert.That(later.Select(e => (e.Type, e.Error)).Distinct(), Is.EqualTo(new[] { (HistoryEventType.Fail, (string?)"probe-failed") }));
            Assert.That(invoker.Requests.Count(r => r is not Node.Api.StatusRequest), Is.EqualTo(1), "only the first operation was sent");
        });
    }

    [Test]
    public async Task RunAsync_SameSeed_EachSlotIssuesTheSameOperations()
    {
        static async Task<Dictionary<int, List<string>>> RunOnce()
        {
            using var recorder = HistoryRecorder.InMemory();
            var runner = new WorkloadRunner(Options("kv", seed: 99), new FakeKvStore().Endpoints(2), recorder);
            // 2 s, not less: the comparison needs every slot to have issued a few operations in both runs, and on a
            // loaded 2-core machine the first few hundred ms can pass before every slot has started.
            await runner.RunAsync(TimeSpan.FromSeconds(2));
            return recorder.Events.Where(e => e.Type == HistoryEventType.Invoke)
                .GroupBy(e => e.Process.ClientId % 5)
                .ToDictionary(g => g.Key, g => g.Select(e => $"{e.F} {e.Key} {e.Value}").ToList());
        }

        var first = await RunOnce();
        var second = await RunOnce();

        Assert.That(first.Keys.Order(), Is.EqualTo(second.Keys.Order()));
        foreach (var slot in first.Keys)
        {
            var common = Math.Min(first[slot].Count, second[slot].Count);
            Assert.That(common, Is.GreaterThan(2), $"slot {slot} issued too few operations to compare");
            Assert.That(first[slot].Take(common), Is.EqualTo(second[slot].Take(common)), $"slot {slot}");
        }
    }

    [Test]
    public async Task RunAsync_RoundRobin_EveryNodeServesProcesses()
    {
        var endpoints = Enumerable.Range(1, 3).Select(i => new ScriptedEndpoint($"n{i}", _ => OperationOutcome.OkRead(HistoryValue.Null))).ToArray();
        using var recorder = HistoryRecorder.InMemory();
        var options = Options(concurrency: 6) with { Workload = "register" };
        var runner = new WorkloadRunner(options, endpoints, recorder);

        await runner.RunAsync(TimeSpan.FromMilliseconds(200));

        Assert.That(endpoints.Select(e => e.Calls), Has.All.GreaterThan(10));
    }

    [Test]
    public async Task RunAsync_Cancelled_ThrowsAfterCompletingEveryOpenOperation()
    {
        var endpoint = new ScriptedEndpoint("n1", op => op.IsRead ? OperationOutcome.OkRead(HistoryValue.Null) : ScriptedEndpoint.Hang);
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(Options(), [endpoint], recorder);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<OperationCanceledException>(() => runner.RunAsync(TimeSpan.FromSeconds(30), cancel.Token));

        var pairs = OperationHistory.FromEvents(recorder.Events);
        Assert.That(pairs.Operations.All(op => op.CompletionTime is not null), "no operation left open");
        Assert.That(recorder.Snapshot().Total.Pending, Is.Zero);
    }

    [Test]
    public async Task ReadFinalAsync_OneFreshProcessPerNodeAboveEveryClientId()
    {
        var store = new FakeKvStore();
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(Options("kv"), store.Endpoints(3), recorder);
        var summary = await runner.RunAsync(TimeSpan.FromMilliseconds(200));
        var lastClient = recorder.Events.Max(e => e.Process.ClientId);
        var before = recorder.Events.Count;

        var final = await runner.ReadFinalAsync();
        var finalEvents = recorder.Events.Skip(before).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(finalEvents.Select(e => e.Process.ClientId).Distinct().Order(), Is.EqualTo(new[] { lastClient + 1, lastClient + 2, lastClient + 3 }));
            Assert.That(finalEvents.All(e => e.F == "read"));
            Assert.That(final.Reads.Select(r => r.Node).Distinct(), Is.EqualTo(new[] { "n1", "n2", "n3" }));
            Assert.That(final.Reads.Where(r => r.Node == "n1").Select(r => r.Key), Is.EqualTo(summary.TouchedKeys));
            foreach (var read in final.Reads)
            {
                Assert.That(read.Outcome.Observed, Is.EqualTo(store.Current(read.Key!)), read.Key);
            }
        });
    }

    [Test]
    public async Task ReadFinalAsync_NodeRefuses_RetriesAsNewOperationsThenReportsFail()
    {
        var endpoint = new ScriptedEndpoint("n2", _ => OperationOutcome.Fail("not leader"));
        using var recorder = HistoryRecorder.InMemory();
        var options = Options() with { FinalReadAttempts = 3 };
        var runner = new WorkloadRunner(options, [endpoint], recorder);

        var final = await runner.ReadFinalAsync();

        Assert.That(final.Reads.Single().Attempts, Is.EqualTo(3));
        Assert.That(final.AllOk, Is.False);
        Assert.That(recorder.Events.Count(e => e.Type == HistoryEventType.Invoke), Is.EqualTo(3));
    }

    [Test]
    public void Constructor_NoEndpointsOrBadOptions_Throws()
    {
        using var recorder = HistoryRecorder.InMemory();

        Assert.Throws<ArgumentException>(() => new WorkloadRunner(new WorkloadOptions(), [], recorder));
        Assert.Throws<ArgumentException>(() => new WorkloadRunner(new WorkloadOptions { Concurrency = 0 }, new FakeKvStore().Endpoints(1), recorder));
    }
}
