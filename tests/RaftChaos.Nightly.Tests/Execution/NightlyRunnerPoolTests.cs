using System.Collections.Concurrent;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Execution;

/// <summary>NightlyRunner over a pool of engines: one run per engine at a time, engines that stop answering leave.</summary>
public sealed class NightlyRunnerPoolTests
{
    private static readonly string[] TwoEngines = ["unix:///var/run/docker.sock", "unix:///var/run/docker2.sock"];

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_TwoEngines_EachRunsOneAtATimeAndBothRun(CancellationToken cancellationToken)
    {
        var plan = Outcomes.Plan(runs: 4, matrix: false);
        var executor = new GatedExecutor(TwoEngines.Length);

        var execution = await new NightlyRunner(executor, new RecordingProgress(), TwoEngines).RunAsync(plan, "/night", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(execution.Outcomes.Select(o => o.Run), Is.EqualTo(plan.Runs), "every run once, in plan order");
            Assert.That(execution.Outcomes.Select(o => o.Engine).Distinct(), Is.EquivalentTo(TwoEngines));
            Assert.That(executor.MaxConcurrentPerEngine, Is.EqualTo(1));
            Assert.That(executor.MaxConcurrent, Is.EqualTo(2), "both engines ran at once");
            Assert.That(execution.AbortReason, Is.Null);
        });
    }

    [Test]
    public async Task RunAsync_EngineStopsAnswering_LeavesThePoolAndTheNightGoesOn()
    {
        var plan = Outcomes.Plan(runs: 4, matrix: false);
        var executor = new FakeRunExecutor((r, _, _) => Outcomes.Expected(r));
        var dying = new EngineFailingExecutor(executor, TwoEngines[1]);

        var execution = await new NightlyRunner(dying, new RecordingProgress(), TwoEngines).RunAsync(plan, "/night", CancellationToken.None);

        var onDead = execution.Outcomes.Where(o => o.Engine == TwoEngines[1]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(execution.Outcomes, Has.Count.EqualTo(plan.Runs.Count));
            Assert.That(onDead, Has.Count.EqualTo(1), "the engine took one run, then left");
            Assert.That(onDead[0].Verdict, Is.EqualTo(RunVerdict.Error));
            Assert.That(onDead[0].Error, Does.Contain("left the pool").And.Contain(TwoEngines[1]));
            Assert.That(execution.Outcomes.Where(o => o.Engine == TwoEngines[0]).All(o => o.Verdict == RunVerdict.Valid));
            Assert.That(execution.AbortReason, Is.Null);
        });
    }

    [Test]
    public async Task RunAsync_EveryEngineStopsAnswering_StopsWith69()
    {
        var plan = Outcomes.Plan(runs: 4, matrix: false);
        var executor = new FakeRunExecutor((r, _, _) => Outcomes.For(r, RunVerdict.Error) with { ExitCode = 69 });

        var execution = await new NightlyRunner(executor, new RecordingProgress(), TwoEngines).RunAsync(plan, "/night", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(execution.Outcomes, Has.Count.EqualTo(2), "one run per engine, then the pool is empty");
            Assert.That(execution.AbortExitCode, Is.EqualTo(69));
        });
    }

    [Test]
    public async Task RunAsync_NoPool_RunsOnTheDefaultEngine()
    {
        var plan = Outcomes.Plan(runs: 2, matrix: false);
        var executor = new FakeRunExecutor((r, _, _) => Outcomes.Expected(r));

        var execution = await new NightlyRunner(executor, new RecordingProgress()).RunAsync(plan, "/night", CancellationToken.None);

        Assert.That(executor.ExecutedOn.Select(e => e.Engine), Is.All.Null);
        Assert.That(execution.Outcomes.Select(o => o.Engine), Is.All.Null);
    }

    /// <summary>Holds each run until <c>engines</c> runs are in flight at once (or the plan has fewer left), counting overlaps.</summary>
    private sealed class GatedExecutor(int engines) : IRunExecutor
    {
        private readonly ConcurrentDictionary<string, int> _running = new();
        private readonly TaskCompletionSource _allBusy = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _maxConcurrent;
        private int _maxPerEngine;

        public int MaxConcurrent => _maxConcurrent;

        public int MaxConcurrentPerEngine => _maxPerEngine;

        public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken)
            => throw new InvalidOperationException("the pool names the engine");

        public async Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, string? engine, CancellationToken cancellationToken)
        {
            var perEngine = _running.AddOrUpdate(engine!, 1, (_, n) => n + 1);
            var inFlight = Interlocked.Increment(ref _inFlight);
            lock (_running)
            {
                _maxPerEngine = Math.Max(_maxPerEngine, perEngine);
                _maxConcurrent = Math.Max(_maxConcurrent, inFlight);
            }
            if (inFlight == engines) _allBusy.TrySetResult();
            // The first runs wait for each other, so the test sees both engines busy at once; later ones go straight through.
            await _allBusy.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            _running.AddOrUpdate(engine!, 0, (_, n) => n - 1);
            return Outcomes.Expected(run);
        }
    }

    /// <summary>
    /// Every run on <c>dead</c> ends as a run does when its engine does not answer: exit 69. Runs elsewhere wait until
    /// the dead engine has taken one, so the other engine cannot empty the plan first.
    /// </summary>
    private sealed class EngineFailingExecutor(IRunExecutor inner, string dead) : IRunExecutor
    {
        private readonly TaskCompletionSource _deadTookOne = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken)
            => inner.ExecuteAsync(run, storeDirectory, cancellationToken);

        public async Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, string? engine, CancellationToken cancellationToken)
        {
            if (engine == dead)
            {
                _deadTookOne.TrySetResult();
                return Outcomes.For(run, RunVerdict.Error) with { ExitCode = 69, Error = "exit 69, no run folder was written" };
            }
            await _deadTookOne.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return await inner.ExecuteAsync(run, storeDirectory, engine, cancellationToken);
        }
    }
}
