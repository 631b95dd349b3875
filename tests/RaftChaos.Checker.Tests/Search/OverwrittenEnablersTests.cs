using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Search;
using RaftChaos.Checker.Tests.Support;
using static RaftChaos.Checker.Tests.Support.Values;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>
/// Overwritten enablers (<see cref="SearchReductions.OverwrittenEnablers"/>): a producer of y's state that an acknowledged
/// operation leaving another state must follow, before y, is not y's enabler. The naive comparison covers soundness on
/// thousands of histories; these pin the edges of the rule and what it is for.
/// </summary>
public sealed class OverwrittenEnablersTests
{
    private static readonly LinearizabilityChecker Starvation = new(new CheckOptions
    {
        Reductions = SearchReductions.StarvedOperations | SearchReductions.OverwrittenEnablers,
    });

    [Test]
    public void Check_OverwrittenWriteButAnotherWriteOfTheValueOverlapsTheRead_IsValid()
    {
        // write 1, then write 2 (after it), then a read of 1 overlapping a second write 1: write 2 overwrites the first
        // write 1 before the read, but the second one may come between them.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "write", Int(1)).Invoke(2, "read").Ok(2, Int(1)).Ok(1)
            .Build();

        Assert.That(Starvation.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_OverwriteFollowedByCasBackToTheValue_IsValid()
    {
        // The cas leaves the read's value: it overwrites nothing for the read, and it is the read's enabler itself.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(0, "cas", Cas(2, 1)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();

        Assert.That(Starvation.Check(history, BuiltInModels.CasRegister).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_ReadOfOverwrittenValue_IsInvalid()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();

        Assert.That(Starvation.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_StaleReadAmongUniqueValuesAt2000Operations_DecidedOnlyWithTheRule()
    {
        // One of the stress histories the search could not decide before (bench-check's 2000 ops, unique values,
        // planted fault, seed 10): the stale read's only writer is overwritten before it by real time, but without the
        // rule the writer counts as its enabler until the search has exhausted everything before the writer returned.
        var history = OperationHistory.FromEvents(new StressHistoryGenerator(10).Generate(new StressHistoryOptions
        {
            OperationCount = 2_000, ProcessCount = 30, ValueDomain = 0, InfoRate = 0.13, Mutation = HistoryMutation.StaleRead,
        }));
        const long Budget = 200_000;
        var with = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = Budget }).Check(history, BuiltInModels.CasRegister);
        var without = new LinearizabilityChecker(new CheckOptions { ConfigurationLimit = Budget, Reductions = SearchReductions.All & ~SearchReductions.OverwrittenEnablers })
            .Check(history, BuiltInModels.CasRegister);

        Assert.That((with.Verdict, without.Verdict), Is.EqualTo((Verdict.Invalid, Verdict.Unknown)));
    }
}
