// The worked custom model of Jepsen-style-checker/RaftChaos.Checker/README.md ("Your own model"): the README shows the
// code between the two region markers, and CounterModelExampleTests checks that the two stay the same.
#region readme
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

/// <summary>The counter's state: immutable, with value equality (the search memoizes on it).</summary>
public sealed record Total(long Value);

/// <summary>A counter: "add" n (always legal) and "read" (legal when it saw the current total).</summary>
public static class CounterModel
{
    public static Model<Total> Create() => new()
    {
        Name = "counter",
        Functions = ["add", "read"],
        PartitionByKey = true,          // counters on different keys are independent: checked apart, in parallel
        Init = new Total(0),
        Step = Step,
        IsReadOnly = static operation => operation.F == "read",   // an info read carries nothing: dropped
        DescribeState = static total => $"total {total.Value}",
    };

    // Pure: the same state and operation always give the same answer. An info add's effect is unknown, but its input
    // is known, so it is legal and adds like an ok one (the search also tries leaving it out).
    private static bool Step(Total total, Operation operation, out Total next)
    {
        next = total;
        switch (operation.F)
        {
            case "add" when operation.Input is IntegerValue add:
                next = new Total(total.Value + add.Value);
                return true;
            case "read" when operation.Status == OperationStatus.Ok:
                return operation.Output is IntegerValue seen && seen.Value == total.Value;
            default:
                return false;
        }
    }
}
#endregion
