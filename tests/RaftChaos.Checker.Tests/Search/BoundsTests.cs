using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>Past the time or memory bound the verdict is unknown, with the reason; cancellation is honoured.</summary>
public sealed class BoundsTests
{
    [Test]
    public void Check_ClockPastTimeLimit_IsUnknownWithReason()
    {
        var history = Generated(operations: 5_000, seed: 1);
        var checker = new LinearizabilityChecker(new CheckOptions { TimeLimit = TimeSpan.FromSeconds(1), TimeProvider = new LeapingTimeProvider() });

        var result = checker.Check(history, BuiltInModels.CasRegister);

        Assert.That((result.Verdict, result.UnknownReason), Is.EqualTo((Verdict.Unknown, "time limit of 1 s reached")));
    }

    [Test]
    public void Check_MemoPastMemoryLimit_IsUnknownWithReason()
    {
        // Every push adds a memo entry, so 60,000 operations need more than the 1 MiB allowed.
        var history = Generated(operations: 60_000, seed: 2);
        var checker = new LinearizabilityChecker(new CheckOptions { MemoryLimitBytes = 1 << 20 });

        var result = checker.Check(history, BuiltInModels.CasRegister);

        Assert.That((result.Verdict, result.UnknownReason), Is.EqualTo((Verdict.Unknown, "memory limit of 1 MiB reached")));
    }

    [Test]
    public void Check_MemoPastMemoryLimit_UnknownKeyCarriesItsProgress()
    {
        var history = Generated(operations: 60_000, seed: 2);
        var result = new LinearizabilityChecker(new CheckOptions { MemoryLimitBytes = 1 << 20 }).Check(history, BuiltInModels.CasRegister);

        var progress = result.Keys.Single().Progress!;
        Assert.Multiple(() =>
        {
            Assert.That(progress.Key, Is.Null);
            Assert.That(progress.SearchedOperations, Is.EqualTo(history.Operations.Count(operation => operation.Status != RaftChaos.Checker.History.OperationStatus.Fail)));
            Assert.That(progress.LinearizedOperations, Is.EqualTo(progress.LongestPrefix.Count).And.GreaterThan(0));
            Assert.That(progress.StateAfterPrefix, Is.EqualTo(progress.LongestPrefix[^1].StateAfter));
        });
    }

    [Test]
    public void Check_PastConfigurationLimit_IsUnknownWithReasonAndStopsAtTheBound()
    {
        var history = Generated(operations: 5_000, seed: 1);
        var checker = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = 1_000 });

        var result = checker.Check(history, BuiltInModels.CasRegister);

        Assert.That(
            (result.Verdict, result.UnknownReason, result.Keys.Single().Configurations),
            Is.EqualTo((Verdict.Unknown, "configuration limit of 1,000 reached", 1_000L)));
    }

    [Test]
    public void Check_PastConfigurationLimit_StopsAtTheSamePrefixEveryTime()
    {
        var history = Generated(operations: 5_000, seed: 1);
        var checker = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = 2_345 });

        var first = checker.Check(history, BuiltInModels.CasRegister).Keys.Single().Progress!;
        var second = checker.Check(history, BuiltInModels.CasRegister).Keys.Single().Progress!;

        Assert.That(
            second.LongestPrefix.Select(step => step.Operation.InvokeLine),
            Is.EqualTo(first.LongestPrefix.Select(step => step.Operation.InvokeLine)).And.Not.Empty);
    }

    [Test]
    public void Check_ConfigurationLimitAboveWhatTheSearchNeeds_IsValidAndCountsConfigurations()
    {
        var history = Generated(operations: 500, seed: 4);

        var result = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = 1_000_000 }).Check(history, BuiltInModels.CasRegister);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Valid));
        Assert.That(result.Keys.Single().Configurations, Is.InRange(1L, 1_000_000L));
    }

    [Test]
    public void Check_SameHistoryWithDefaultBounds_IsValid()
    {
        Assert.That(new LinearizabilityChecker().Check(Generated(operations: 60_000, seed: 2), BuiltInModels.CasRegister).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new LinearizabilityChecker().Check(Generated(operations: 100, seed: 3), BuiltInModels.CasRegister, cancelled.Token));
    }

    private static OperationHistory Generated(int operations, int seed) =>
        OperationHistory.FromEvents(new RandomHistoryGenerator(seed).Generate(new RandomHistoryOptions { OperationCount = operations, ProcessCount = 5 }));

    /// <summary>A clock that jumps an hour every time it is read, so any deadline passes at the first look.</summary>
    private sealed class LeapingTimeProvider : TimeProvider
    {
        private long now;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => Interlocked.Add(ref now, 3600);
    }
}
