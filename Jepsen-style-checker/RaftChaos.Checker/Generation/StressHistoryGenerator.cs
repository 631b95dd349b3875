using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Generation;

/// <summary>
/// Makes the histories a chaos run produces when faults pile up: many processes all busy at once, writes and cas ending
/// <c>info</c> (each retiring its process), a small value domain or unique values, and optionally one planted fault
/// (<see cref="HistoryMutation"/>). Register operations (read, write, cas). Every operation takes effect at a random
/// instant of its interval and results are computed in that order, so without a mutation the history is linearizable.
/// Same seed and options, same history (one <see cref="Random"/> seeded once, drawn in a fixed order).
/// </summary>
public sealed class StressHistoryGenerator
{
    // How far back a stale value is looked for: enough to find the last acknowledged write, bounded for long histories.
    private const int StaleLookBack = 64;

    private readonly Random random;
    private int lastUniqueValue;

    /// <summary>Creates a generator; the seed fixes every choice.</summary>
    public StressHistoryGenerator(int seed) => random = new Random(seed);

    /// <summary>Generates the events of one history, in time order.</summary>
    public IReadOnlyList<HistoryEvent> Generate(StressHistoryOptions options)
    {
        options.Validate();
        lastUniqueValue = 0;
        var planned = Plan(options);
        if (options.Mutation == HistoryMutation.ReorderedWrites)
        {
            Reorder(planned, options);
        }

        Apply(planned, options);
        if (options.Mutation == HistoryMutation.LostWrite && PickOne(ReadAfterward(planned)) is { } lost)
        {
            // Lose a write some read began after and saw: that read now sees what the write should have replaced.
            lost.Lost = true;
            Apply(planned, options);
        }

        switch (options.Mutation)
        {
            case HistoryMutation.StaleRead when PickOne(planned.Where(op => op is { F: "read", StaleValue: not null })) is { } read:
                read.Output = read.StaleValue!;
                break;
            case HistoryMutation.StaleCas when PickOne(planned.Where(op => op is { F: "cas", IsInfo: false, Failed: false, StaleValue: not null })) is { } cas:
                cas.Expected = cas.StaleValue!;
                break;
            case HistoryMutation.NeverWrittenRead when PickOne(planned.Where(op => op.F == "read")) is { } read:
                // Written values are 0 .. domain-1 or 1, 2, 3, ...: -1 never is.
                read.Output = HistoryValue.Of(-1);
                break;
        }

        return TimedOperation.ToEvents([.. planned.Select(op => new TimedOperation(
            op.Process, op.F, options.KeyCount == 0 ? null : $"k{op.KeyIndex}", op.Input, op.CompletionType,
            op.F == "read" ? op.Output : op.Input, op.InvokeTime, op.CompletionTime))]);
    }

    private static bool IsAcknowledgedWrite(StressOperation operation) => operation is { F: "write", IsInfo: false };

    // Acknowledged writes whose value a read invoked after the write completed saw.
    private static IEnumerable<StressOperation> ReadAfterward(List<StressOperation> planned)
    {
        var readsAfter = planned.Where(op => op.F == "read").ToLookup(op => (op.KeyIndex, op.Output));
        return planned.Where(op => IsAcknowledgedWrite(op)
            && readsAfter[(op.KeyIndex, op.Value)].Any(read => read.InvokeTime > op.CompletionTime));
    }

    // Every process is busy all the time: the one free earliest starts the next operation after a short gap.
    private List<StressOperation> Plan(StressHistoryOptions options)
    {
        var freeAt = new PriorityQueue<int, long>();
        var processOfSlot = Enumerable.Range(0, options.ProcessCount).ToArray();
        foreach (var slot in processOfSlot)
        {
            freeAt.Enqueue(slot, random.NextInt64(0, options.MaxGapNanos));
        }

        var nextProcess = options.ProcessCount;
        var planned = new List<StressOperation>(options.OperationCount);
        while (planned.Count < options.OperationCount)
        {
            freeAt.TryDequeue(out var slot, out var free);
            var invoke = free + random.NextInt64(1, options.MaxGapNanos + 1);
            var duration = random.NextInt64(2, options.MaxDurationNanos + 1);
            var roll = random.Next(10);
            var f = roll < 5 ? "read" : roll < 8 || !options.UseCas ? "write" : "cas";
            var isInfo = f != "read" && random.NextDouble() < options.InfoRate;
            var operation = new StressOperation
            {
                Process = processOfSlot[slot],
                KeyIndex = options.KeyCount == 0 ? 0 : random.Next(options.KeyCount),
                F = f,
                InvokeTime = invoke,
                CompletionTime = invoke + duration,
                LinearizationTime = invoke + random.NextInt64(1, duration),
                IsInfo = isInfo,
                TakesEffect = !isInfo || random.Next(2) == 0,
                Value = f == "read" ? HistoryValue.Null : NewValue(options),
            };
            if (isInfo)
            {
                // As in Jepsen, a process whose operation ended in doubt is retired for a fresh one.
                processOfSlot[slot] = nextProcess++;
            }

            planned.Add(operation);
            freeAt.Enqueue(slot, operation.CompletionTime);
        }

        return planned;
    }

    private HistoryValue NewValue(StressHistoryOptions options) =>
        HistoryValue.Of(options.UniqueValues ? ++lastUniqueValue : random.Next(options.ValueDomain));

    // Two acknowledged writes on one key, the second invoked after the first completed, swap their instants of effect.
    private void Reorder(List<StressOperation> planned, StressHistoryOptions options)
    {
        var writes = planned.Where(IsAcknowledgedWrite).OrderBy(op => op.InvokeTime).ToList();
        if (PickOne(writes) is not { } first
            || writes.FirstOrDefault(op => op.KeyIndex == first.KeyIndex && op.InvokeTime > first.CompletionTime) is not { } second)
        {
            return;
        }

        (first.LinearizationTime, second.LinearizationTime) = (second.LinearizationTime, first.LinearizationTime);
        if (second.Value.Equals(first.Value) && !options.UniqueValues)
        {
            second.Value = HistoryValue.Of((((IntegerValue)first.Value).Value + 1) % options.ValueDomain);
        }
    }

    // Applies operations in linearization order, per key: what reads see, which cas succeed, and what was stale for each.
    private void Apply(List<StressOperation> planned, StressHistoryOptions options)
    {
        var keyCount = Math.Max(1, options.KeyCount);

        // Per key, the current value and when the operation that wrote it completed (the start of time for the initial
        // null; never for an info operation, whose completion is unknown).
        var values = Enumerable.Repeat((Value: HistoryValue.Null, WrittenBy: long.MinValue), keyCount).ToArray();
        var changes = Enumerable.Range(0, keyCount).Select(_ => new List<Change>()).ToArray();
        foreach (var operation in planned.OrderBy(op => op.LinearizationTime))
        {
            ref var current = ref values[operation.KeyIndex];
            var keyChanges = changes[operation.KeyIndex];
            operation.StaleValue = StaleValue(keyChanges, operation.InvokeTime, current.Value);
            var before = current;
            switch (operation.F)
            {
                case "read":
                    operation.Output = current.Value;
                    break;
                case "write" when operation.TakesEffect && !operation.Lost:
                    current = (operation.Value, operation.IsInfo ? long.MaxValue : operation.CompletionTime);
                    break;
                case "cas":
                    operation.Expected = random.Next(2) == 0 && !current.Value.IsNull ? current.Value : OtherValue(options);
                    if (!operation.Expected.Equals(current.Value))
                    {
                        operation.Failed = !operation.IsInfo;
                    }
                    else if (operation.TakesEffect)
                    {
                        current = (operation.Value, operation.IsInfo ? long.MaxValue : operation.CompletionTime);
                    }

                    break;
            }

            if (!before.Value.Equals(current.Value))
            {
                keyChanges.Add(new Change(operation.InvokeTime, operation.IsInfo ? long.MaxValue : operation.CompletionTime, before.Value, before.WrittenBy));
            }
        }
    }

    private HistoryValue OtherValue(StressHistoryOptions options) =>
        HistoryValue.Of(options.UniqueValues ? random.Next(1, lastUniqueValue + 1) : random.Next(options.ValueDomain));

    // A value no linearization lets an operation invoked at `invoke` see: one replaced by a change that completed before
    // `invoke`, when the replaced value's own write had completed before that change began (so no order puts it later),
    // and that is not the current value again.
    private static HistoryValue? StaleValue(List<Change> changes, long invoke, HistoryValue current)
    {
        for (var i = changes.Count - 1; i >= Math.Max(0, changes.Count - StaleLookBack); i--)
        {
            var change = changes[i];
            if (change.Completed < invoke && change.ReplacedWrittenBy < change.Invoked && !change.Replaced.Equals(current))
            {
                return change.Replaced;
            }
        }

        return null;
    }

    private StressOperation? PickOne(IEnumerable<StressOperation> candidates)
    {
        var list = candidates.ToList();
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }

    /// <summary>A change of a key's value: when the operation that made it began and completed, and what it replaced.</summary>
    private readonly record struct Change(long Invoked, long Completed, HistoryValue Replaced, long ReplacedWrittenBy);
}
