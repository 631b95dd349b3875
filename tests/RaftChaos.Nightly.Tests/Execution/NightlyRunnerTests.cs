using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Execution;

public sealed class NightlyRunnerTests
{
    [Test]
    public async Task RunAsync_FailedRun_NextRunsStillRun()
    {
        var plan = Outcomes.Plan();
        var executor = new FakeRunExecutor((r, _, _) => r.Index == 0 ? Outcomes.For(r, RunVerdict.Error) : Outcomes.Expected(r));
        var execution = await new NightlyRunner(executor, new RecordingProgress()).RunAsync(plan, "/night", CancellationToken.None);
        Assert.That(executor.Executed, Is.EqualTo(plan.Runs));
        Assert.That(execution.Outcomes[0].Verdict, Is.EqualTo(RunVerdict.Error));
        Assert.That(execution.Interrupted, Is.False);
    }

    [Test]
    public async Task RunAsync_ExecutorThrows_RecordedAsErrorAndContinues()
    {
        var plan = Outcomes.Plan();
        var executor = new FakeRunExecutor((r, _, _) => r.Index == 1 ? throw new IOException("disk full") : Outcomes.Expected(r));
        var execution = await new NightlyRunner(executor, new RecordingProgress()).RunAsync(plan, "/night", CancellationToken.None);
        Assert.That(execution.Outcomes, Has.Count.EqualTo(plan.Runs.Count));
        Assert.That(execution.Outcomes[1].Error, Does.Contain("disk full"));
    }

    [Test]
    public async Task RunAsync_CancelledDuringRun_StopsAfterIt()
    {
        var plan = Outcomes.Plan();
        using var cts = new CancellationTokenSource();
        var executor = new FakeRunExecutor((r, _, _) =>
        {
            if (r.Index == 1)
            {
                cts.Cancel();
                return Outcomes.For(r, RunVerdict.Interrupted);
            }

            return Outcomes.Expected(r);
        });
        var execution = await new NightlyRunner(executor, new RecordingProgress()).RunAsync(plan, "/night", cts.Token);
        Assert.That(execution.Interrupted, Is.True);
        Assert.That(execution.Outcomes, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_NoEngine_StopsWith69()
    {
        var plan = Outcomes.Plan();
        var executor = new FakeRunExecutor((r, _, _) => Outcomes.For(r, RunVerdict.Error) with { ExitCode = 69 });
        var execution = await new NightlyRunner(executor, new RecordingProgress()).RunAsync(plan, "/night", CancellationToken.None);
        Assert.That(execution.Outcomes, Has.Count.EqualTo(1));
        Assert.That(execution.AbortExitCode, Is.EqualTo(69));
        Assert.That(execution.AbortReason, Does.Contain("raftchaos engine setup"));
    }

    [Test]
    public async Task RunAsync_RunsFiledUnderNightRunsFolder()
    {
        var stores = new List<string>();
        var executor = new FakeRunExecutor((r, store, _) =>
        {
            stores.Add(store);
            return Outcomes.Expected(r);
        });
        await new NightlyRunner(executor, new RecordingProgress()).RunAsync(Outcomes.Plan(), "/night", CancellationToken.None);
        Assert.That(stores, Is.All.EqualTo(Path.Combine("/night", "runs")));
    }

    [Test]
    public async Task RunAsync_Progress_EstimateShrinksToZero()
    {
        var plan = Outcomes.Plan();
        var progress = new RecordingProgress();
        await new NightlyRunner(new FakeRunExecutor((r, _, _) => Outcomes.Expected(r)), progress).RunAsync(plan, "/night", CancellationToken.None);
        var starts = progress.Reports.Where(p => !p.Finished).Select(p => p.Remaining).ToArray();
        Assert.That(starts[0], Is.EqualTo(plan.EstimatedTotal));
        Assert.That(starts, Is.Ordered.Descending);
        Assert.That(progress.Reports[^1].Remaining, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void RemainingTime_UsesMeasuredOverheadOnceARunFinished()
    {
        var plan = Outcomes.Plan();
        var first = Outcomes.Expected(plan.Runs[0]) with { Duration = plan.Runs[0].TimeLimit + TimeSpan.FromSeconds(50) };
        var estimate = RemainingTime.Estimate(plan, 1, [first]);
        Assert.That(estimate, Is.EqualTo(TimeSpan.FromSeconds((plan.Runs.Count - 1) * (15 + 50))));
    }
}
