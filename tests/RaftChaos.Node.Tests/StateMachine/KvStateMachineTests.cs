using Google.Protobuf;
using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Tests.StateMachine;

public class KvStateMachineTests
{
    private static ByteString B(string s) => ByteString.CopyFromUtf8(s);

    private static Command Write(string key, string value) => new() { Kind = CommandKind.Write, Key = key, Value = B(value) };

    [Test]
    public void Cas_WithMatchingValue_Sets()
    {
        var sm = new KvStateMachine();
        sm.Apply(Write("k", "a"));
        var result = sm.Apply(new Command { Kind = CommandKind.Cas, Key = "k", Expected = B("a"), Value = B("b") });
        Assert.That(result.Succeeded, Is.True);
        Assert.That(sm.Read("k").Value.ToStringUtf8(), Is.EqualTo("b"));
    }

    [Test]
    public void Cas_WithOtherValue_FailsAndReportsCurrent()
    {
        var sm = new KvStateMachine();
        sm.Apply(Write("k", "a"));
        var result = sm.Apply(new Command { Kind = CommandKind.Cas, Key = "k", Expected = B("x"), Value = B("b") });
        Assert.That((result.Succeeded, result.Found, result.Value.ToStringUtf8()), Is.EqualTo((false, true, "a")));
    }

    [Test]
    public void Cas_ExpectAbsent_OnlySucceedsOnMissingKey()
    {
        var sm = new KvStateMachine();
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Cas, Key = "k", ExpectAbsent = true, Value = B("1") }).Succeeded, Is.True);
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Cas, Key = "k", ExpectAbsent = true, Value = B("2") }).Succeeded, Is.False);
    }

    [Test]
    public void Cas_ExpectEmptyValue_DoesNotMatchMissingKey()
    {
        var sm = new KvStateMachine();
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Cas, Key = "k", Expected = B(""), Value = B("1") }).Succeeded, Is.False);
    }

    [Test]
    public void Append_ToMissingKey_StartsFromEmpty()
    {
        var sm = new KvStateMachine();
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Append, Key = "k", Value = B("x") }).Value.ToStringUtf8(), Is.EqualTo("x"));
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Append, Key = "k", Value = B("y") }).Value.ToStringUtf8(), Is.EqualTo("xy"));
    }

    [Test]
    public void Delete_ReportsWhetherTheKeyExisted()
    {
        var sm = new KvStateMachine();
        sm.Apply(Write("k", "a"));
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Delete, Key = "k" }).Found, Is.True);
        Assert.That(sm.Apply(new Command { Kind = CommandKind.Delete, Key = "k" }).Found, Is.False);
        Assert.That(sm.Read("k").Found, Is.False);
    }

    [Test]
    public void Snapshot_RestoredIntoAnotherMachine_GivesTheSameMap()
    {
        var sm = new KvStateMachine();
        for (var i = 0; i < 100; i++)
        {
            sm.Apply(Write($"k{i}", $"v{i}"));
        }
        var copy = new KvStateMachine();
        copy.Apply(Write("stale", "x"));
        copy.Restore(sm.Snapshot());
        Assert.That(copy.Count, Is.EqualTo(100));
        Assert.That(copy.Read("k42").Value.ToStringUtf8(), Is.EqualTo("v42"));
        Assert.That(copy.Read("stale").Found, Is.False);
    }

    [Test]
    public void Apply_UnknownCommandKind_ChangesNothing()
    {
        var sm = new KvStateMachine();
        var result = sm.Apply(new Command { Kind = (CommandKind)99, Key = "k", Value = B("v") });
        Assert.That(result.Succeeded, Is.False);
        Assert.That(sm.Count, Is.Zero);
    }
}
