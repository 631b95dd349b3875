using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using static RaftChaos.Checker.Tests.Support.Values;

namespace RaftChaos.Checker.Tests.Models;

/// <summary>The step function of the built-in models, one operation at a time.</summary>
public sealed class KeyValueSemanticsTests
{
    [Test]
    public void Step_ReadOfNeverWrittenKey_SeesNullOnly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Step(KeyValueState.Absent, Completed("read", Null, Null)).Legal, Is.True);
            Assert.That(Step(KeyValueState.Absent, Completed("read", Null, Int(0))).Legal, Is.False);
            Assert.That(Step(KeyValueState.Absent, Completed("read", Null, Str(""))).Legal, Is.False, "null is not the empty string for read");
        });
    }

    [Test]
    public void Step_WriteThenRead_SeesWrittenValue()
    {
        var (_, afterWrite) = Step(KeyValueState.Absent, Completed("write", Int(3), Int(3)));
        Assert.Multiple(() =>
        {
            Assert.That(Step(afterWrite, Completed("read", Null, Int(3))).Legal, Is.True);
            Assert.That(Step(afterWrite, Completed("read", Null, Str("3"))).Legal, Is.False, "an integer is not its decimal string");
        });
    }

    [Test]
    public void Step_Cas_TakesEffectOnlyOnExpectedValue()
    {
        var one = KeyValueState.Of(Int(1));
        Assert.Multiple(() =>
        {
            Assert.That(Step(one, Completed("cas", Cas(1, 2), Cas(1, 2))), Is.EqualTo((true, KeyValueState.Of(Int(2)))));
            Assert.That(Step(one, Completed("cas", Cas(0, 2), Cas(0, 2))).Legal, Is.False);
            Assert.That(Step(KeyValueState.Absent, Completed("cas", HistoryValue.ListOf(Null, Int(1)), Null)).Legal, Is.True, "cas from never written");
        });
    }

    [Test]
    public void Step_GetOnAbsentKey_ReadsEmptyString()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Step(KeyValueState.Absent, Completed("get", Null, Str(""))).Legal, Is.True);
            Assert.That(Step(KeyValueState.Absent, Completed("get", Null, Null)).Legal, Is.True, "a null get result means absent");
            Assert.That(Step(KeyValueState.Absent, Completed("get", Null, Str("x"))).Legal, Is.False);
        });
    }

    [Test]
    public void Step_PutAndAppend_ConcatenateWithoutSeparator()
    {
        var (_, put) = Step(KeyValueState.Absent, Completed("put", Str("ab"), Str("ab")));
        var (_, appended) = Step(put, Completed("append", Str("cd"), Str("cd")));
        var (_, again) = Step(appended, Completed("append", Str("e"), Str("e")));
        Assert.Multiple(() =>
        {
            Assert.That(Step(again, Completed("get", Null, Str("abcde"))).Legal, Is.True);
            Assert.That(Step(again, Completed("get", Null, Str("abcdf"))).Legal, Is.False);
            Assert.That(Step(again, Completed("get", Null, Str("abcd"))).Legal, Is.False);
            Assert.That(again, Is.EqualTo(KeyValueState.Of(Str("abcde"))), "a chain equals the same text written at once");
            Assert.That(again.GetHashCode(), Is.EqualTo(KeyValueState.Of(Str("abcde")).GetHashCode()));
            Assert.That(Step(again, Completed("read", Null, Str("abcde"))).Legal, Is.True, "read sees the string too");
        });
    }

    [Test]
    public void Step_AppendOnAbsentKey_StartsFromEmptyString()
    {
        var (_, appended) = Step(KeyValueState.Absent, Completed("append", Str("x"), Str("x")));
        Assert.That(appended, Is.EqualTo(KeyValueState.Of(Str("x"))));
    }

    [Test]
    public void Step_InfoRead_IsAlwaysLegal()
    {
        var info = Completed("read", Null, Null) with { Status = OperationStatus.Info };
        Assert.That(Step(KeyValueState.Of(Int(4)), info), Is.EqualTo((true, KeyValueState.Of(Int(4)))));
    }

    [TestCase("register", "cas", false)]
    [TestCase("register", "write", true)]
    [TestCase("cas-register", "cas", true)]
    [TestCase("cas-register", "append", false)]
    [TestCase("kv", "append", true)]
    [TestCase("kv", "delete", false)]
    public void Validate_Function_AcceptedOnlyByModelsThatSupportIt(string modelName, string f, bool supported)
    {
        var model = BuiltInModels.Find(modelName)!;
        Assert.That(model.Validate(Completed(f, Null, Null)) is null, Is.EqualTo(supported));
    }

    [Test]
    public void Validate_UnsupportedFunction_NamesModelAndItsFunctions()
    {
        Assert.That(BuiltInModels.Register.Validate(Completed("cas", Cas(1, 2), Cas(1, 2))),
            Is.EqualTo("f \"cas\" is not supported by model register (it supports read, write)"));
    }

    private static Operation Completed(string f, HistoryValue input, HistoryValue output) =>
        new(0, 0, f, null, input, output, OperationStatus.Ok, 0, 1, 0, 1, 1, 2);

    private static (bool Legal, KeyValueState Next) Step(KeyValueState state, Operation operation) =>
        (KeyValueSemantics.Step(state, operation, out var next), next);
}
