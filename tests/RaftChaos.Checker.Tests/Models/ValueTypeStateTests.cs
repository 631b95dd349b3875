using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.Models;

/// <summary>
/// A model whose state is a value type and that gives no <c>OnlyLegalIn</c> hint: the default must mean "the model does
/// not say", never "legal only in the default state" (a counter's 0), which made valid counter histories invalid.
/// </summary>
[TestFixture]
public sealed class ValueTypeStateTests
{
    [Test]
    public void Check_LongCounterWithoutHint_AddThenReadOfTheSum_IsValid()
    {
        var history = History(
            (0, HistoryEventType.Invoke, "add", HistoryValue.Of(2)),
            (0, HistoryEventType.Ok, "add", HistoryValue.Of(2)),
            (1, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (1, HistoryEventType.Ok, "read", HistoryValue.Of(2)),
            (0, HistoryEventType.Invoke, "add", HistoryValue.Of(3)),
            (1, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (1, HistoryEventType.Ok, "read", HistoryValue.Of(5)),
            (0, HistoryEventType.Ok, "add", HistoryValue.Of(3)));

        Assert.That(new LinearizabilityChecker().Check(history, Counter()).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_LongCounterWithoutHint_ReadMissingACompletedAdd_IsInvalid()
    {
        var history = History(
            (0, HistoryEventType.Invoke, "add", HistoryValue.Of(2)),
            (0, HistoryEventType.Ok, "add", HistoryValue.Of(2)),
            (1, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (1, HistoryEventType.Ok, "read", HistoryValue.Of(0)));

        Assert.That(new LinearizabilityChecker().Check(history, Counter()).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    // A counter over a plain long, the shape the README warned against: no OnlyLegalIn given.
    private static Model<long> Counter() => new()
    {
        Name = "long-counter",
        Functions = ["add", "read"],
        PartitionByKey = true,
        Init = 0L,
        Step = static (long total, Operation operation, out long next) =>
        {
            next = total;
            switch (operation.F)
            {
                case "add" when operation.Input is IntegerValue add:
                    next = total + add.Value;
                    return true;
                case "read" when operation.Status == OperationStatus.Ok:
                    return operation.Output is IntegerValue seen && seen.Value == total;
                default:
                    return false;
            }
        },
        IsReadOnly = static operation => operation.F == "read",
    };

    private static OperationHistory History(params (int Process, HistoryEventType Type, string F, HistoryValue Value)[] events)
        => OperationHistory.FromEvents(events.Select((e, i) => new HistoryEvent(i, ProcessId.Client(e.Process), e.Type, e.F, null, e.Value, i * 1000L)));
}
