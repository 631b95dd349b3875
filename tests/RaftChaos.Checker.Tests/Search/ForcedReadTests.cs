using RaftChaos.Checker.Models;
using RaftChaos.Checker.Search;
using RaftChaos.Checker.Tests.Support;
using static RaftChaos.Checker.Tests.Support.Values;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>
/// The forced-read reduction (<see cref="SearchReductions.ForcedNoOps"/>): a pending read legal in the current state is
/// linearized at once. Only reads: a write that happens to leave the current state unchanged must not be forced.
/// </summary>
public sealed class ForcedReadTests
{
    private static readonly LinearizabilityChecker Forced = new(new CheckOptions { Reductions = SearchReductions.ForcedNoOps });

    [Test]
    public void Check_WriteOfCurrentValueNeededLater_IsNotForcedEarly()
    {
        // write 2 completes; then write 1 and a second write 2 overlap; a read invoked after write 1 completed sees 2.
        // Only the order write 1, write 2, read explains it; forcing the second write 2 while the value is already 2
        // (before write 1) would lose that order. Found by the naive comparison (seed 521).
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "write", Int(1)).Invoke(2, "write", Int(2)).Ok(1)
            .Invoke(3, "read").Ok(3, Int(2)).Ok(2)
            .Build();

        Assert.That(Forced.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_ReadLegalNowButNeededLater_StillFindsTheOrder()
    {
        // The read of 1 overlaps write 1 and write 2 and must go between them. When the state is 1 it is forced at once;
        // no other place could have served better, since moving a read earlier to where it is legal changes nothing.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Invoke(1, "read").Ok(0)
            .Invoke(0, "write", Int(2)).Ok(1, Int(1)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(2))
            .Build();

        Assert.That(Forced.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_ForcedReadThenDeadEnd_IsInvalidWithPrefix()
    {
        // Read 1 is forced after write 1; the later read of 0 cannot follow anything.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Invoke(1, "read").Ok(1, Int(0))
            .Build();

        var result = Forced.Check(history, BuiltInModels.Register);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Invalid));
            Assert.That(result.Keys.Single().Counterexample!.LongestPrefix.Select(step => step.Operation.Id), Is.EqualTo(new[] { 0, 1 }));
        });
    }
}
