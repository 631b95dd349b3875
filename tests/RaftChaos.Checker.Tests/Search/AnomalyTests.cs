using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Tests.Support;
using static RaftChaos.Checker.Tests.Support.Values;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>Classic anomalies, each as the smallest history that shows it, and their valid neighbours.</summary>
public sealed class AnomalyTests
{
    private static readonly LinearizabilityChecker Checker = new();

    [Test]
    public void Check_StaleRead_IsInvalid()
    {
        // write 1 completes, write 2 completes, then a read returns 1.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();
        var result = Checker.Check(history, BuiltInModels.Register);

        var counterexample = result.Keys.Single().Counterexample!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Invalid));
            Assert.That(counterexample.LongestPrefix.Select(step => (step.Operation.Id, step.StateAfter)), Is.EqualTo(new[] { (0, "1"), (1, "2") }));
            Assert.That(counterexample.StateAfterPrefix, Is.EqualTo("2"));
            Assert.That(counterexample.CannotFollow.Select(blocked => (blocked.Operation.Id, blocked.LegalNext)), Is.EqualTo(new[] { (2, false) }));
            Assert.That(counterexample.CannotFollow[0].Reason, Is.EqualTo("not legal in state 2"));
        });
    }

    [Test]
    public void Check_ReadConcurrentWithWrite_MaySeeEitherValue()
    {
        foreach (var seen in new[] { Int(1), Int(2) })
        {
            var history = new HistoryBuilder()
                .Invoke(0, "write", Int(1)).Ok(0)
                .Invoke(0, "write", Int(2)).Invoke(1, "read").Ok(1, seen).Ok(0)
                .Build();
            Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid), $"read saw {seen}");
        }
    }

    [Test]
    public void Check_LostWrite_IsInvalid()
    {
        // Two acknowledged writes, then reads that never see the second one.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(1, "write", Int(2)).Ok(1)
            .Invoke(0, "read").Ok(0, Int(1))
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_CasOnStaleValue_IsInvalid()
    {
        // The value is 2 when the cas expecting 1 runs, yet the cas reports success.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "cas", Cas(1, 3)).Ok(1)
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.CasRegister).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_FailedCasOnStaleValue_IsValid()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(2)).Ok(0)
            .Invoke(1, "cas", Cas(1, 3)).Fail(1)
            .Invoke(1, "read").Ok(1, Int(2))
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.CasRegister).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_ReadOfValueNeverWritten_IsInvalid()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Invoke(1, "read").Ok(1, Int(7)).Ok(0)
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_NonOverlappingWritesSeenInWrongOrder_IsInvalid()
    {
        // write 1 finishes before write 2 starts, but one reader sees 2 then 1.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Ok(0)
            .Invoke(0, "write", Int(2)).Invoke(1, "read").Ok(1, Int(2)).Ok(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_InfoWriteThatTookEffectLate_IsValid()
    {
        // The info write's effect is first seen long after its process gave up.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Info(0)
            .Invoke(1, "read").Ok(1, Null)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_InfoWriteThatNeverTookEffect_IsValid()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Info(0)
            .Invoke(1, "read").Ok(1, Null)
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_InfoWriteSeenThenUnseen_IsInvalid()
    {
        // Once the info write is seen it took effect; it cannot be undone.
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Info(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Invoke(1, "read").Ok(1, Null)
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_FailedWriteSeenByRead_IsInvalid()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "write", Int(1)).Fail(0)
            .Invoke(1, "read").Ok(1, Int(1))
            .Build();
        Assert.That(Checker.Check(history, BuiltInModels.Register).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Check_OnlyInvokes_IsValid()
    {
        var history = new HistoryBuilder().Invoke(0, "write", Int(1)).Invoke(1, "read").Invoke(2, "cas", Cas(1, 2)).Build();
        var result = Checker.Check(history, BuiltInModels.CasRegister);
        Assert.Multiple(() =>
        {
            Assert.That(history.Operations.Select(operation => operation.Status), Is.All.EqualTo(OperationStatus.Info));
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Valid));
        });
    }

    [Test]
    public void Check_EmptyHistory_IsValidWithNoKeys()
    {
        var result = Checker.Check(new HistoryBuilder().Build(), BuiltInModels.KeyValue);
        Assert.That((result.Verdict, result.OperationCount, result.KeyCount, result.Keys.Count), Is.EqualTo((Verdict.Valid, 0, 0, 0)));
    }

    [Test]
    public void Check_KeysAreIndependent_OnlyTheBadKeyFails()
    {
        var history = new HistoryBuilder()
            .Invoke(0, "put", Str("a"), "x").Ok(0)
            .Invoke(1, "append", Str("b"), "y").Ok(1)
            .Invoke(0, "get", null, "x").Ok(0, Str("a"))
            .Invoke(1, "get", null, "y").Ok(1, Str("bb"))
            .Build();
        var result = Checker.Check(history, BuiltInModels.KeyValue);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Invalid));
            Assert.That(result.FailingKeys.Select(key => key.Key), Is.EqualTo(new[] { "y" }));
            Assert.That(result.KeyCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Check_FunctionUnsupportedByModel_ThrowsFormatErrorAtInvokeLine()
    {
        var history = new HistoryBuilder().Invoke(0, "write", Int(1)).Ok(0).Invoke(0, "cas", Cas(1, 2)).Ok(0).Build();
        var exception = Assert.Throws<HistoryFormatException>(() => Checker.Check(history, BuiltInModels.Register));
        Assert.That(exception!.Message, Is.EqualTo("test:3: f \"cas\" is not supported by model register (it supports read, write)"));
    }

    [Test]
    public void Infer_HistoryWithKeys_IsKv_WithoutKeys_IsCasRegister()
    {
        var keyed = new HistoryBuilder().Invoke(0, "write", Int(1), "k").Build();
        var single = new HistoryBuilder().Invoke(0, "write", Int(1)).Build();
        Assert.That((BuiltInModels.Infer(keyed).Name, BuiltInModels.Infer(single).Name), Is.EqualTo(("kv", "cas-register")));
    }
}
