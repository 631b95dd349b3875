using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Generation;

/// <summary>
/// Makes random histories from a seed, for tests and benchmarks: processes issue operations one at a time, each
/// operation takes effect at a random instant inside its interval (its linearization point), and results are computed
/// by applying operations in that order, so the history is linearizable unless
/// <see cref="RandomHistoryOptions.WrongReadProbability"/> corrupts reads. Same seed and options, same history.
/// </summary>
public sealed class RandomHistoryGenerator
{
    private readonly Random random;

    /// <summary>Creates a generator; the seed fixes every choice.</summary>
    public RandomHistoryGenerator(int seed) => random = new Random(seed);

    /// <summary>Generates the events of one history, in time order.</summary>
    public IReadOnlyList<HistoryEvent> Generate(RandomHistoryOptions options)
    {
        options.Validate();
        var planned = Plan(options);
        Apply(planned, options);
        return ToEvents(planned);
    }

    // Schedules operations: each slot (a logical process) starts the next one a short gap after its last completion.
    private List<PlannedOperation> Plan(RandomHistoryOptions options)
    {
        var slots = new PriorityQueue<int, long>();
        var processOfSlot = new int[options.ProcessCount];
        for (var slot = 0; slot < options.ProcessCount; slot++)
        {
            processOfSlot[slot] = slot;
            slots.Enqueue(slot, random.NextInt64(0, options.MaxGapNanos));
        }

        var nextProcess = options.ProcessCount;
        var planned = new List<PlannedOperation>(options.OperationCount);
        for (var i = 0; i < options.OperationCount; i++)
        {
            slots.TryDequeue(out var freeSlot, out var freeAt);
            var invoke = freeAt + random.NextInt64(1, options.MaxGapNanos + 1);
            var duration = random.NextInt64(2, options.MaxDurationNanos + 1);
            var operation = new PlannedOperation
            {
                Process = processOfSlot[freeSlot],
                KeyIndex = options.KeyCount == 0 ? 0 : random.Next(options.KeyCount),
                KeyCountIsZero = options.KeyCount == 0,
                F = PickFunction(options.Functions),
                InvokeTime = invoke,
                CompletionTime = invoke + duration,
                LinearizationTime = invoke + random.NextInt64(1, duration),
                IsInfo = random.NextDouble() < options.InfoProbability,
            };
            operation.TakesEffect = !operation.IsInfo || random.Next(2) == 0;
            operation.Input = PickInput(operation, options, processOfSlot[freeSlot], i);
            if (operation.IsInfo)
            {
                // As in Jepsen, a process whose operation ended in doubt is retired for a fresh one.
                processOfSlot[freeSlot] = nextProcess++;
            }

            planned.Add(operation);
            slots.Enqueue(freeSlot, operation.CompletionTime);
        }

        return planned;
    }

    private string PickFunction(GeneratedFunctions functions)
    {
        var roll = random.Next(10);
        return functions == GeneratedFunctions.Register
            ? roll < 5 ? "read" : roll < 8 ? "write" : "cas"
            : roll < 4 ? "get" : roll < 6 ? "put" : "append";
    }

    private HistoryValue PickInput(PlannedOperation operation, RandomHistoryOptions options, int process, int sequence) =>
        operation.F switch
        {
            "write" => HistoryValue.Of(random.Next(options.ValueRange)),
            "cas" => HistoryValue.ListOf(HistoryValue.Of(random.Next(options.ValueRange)), HistoryValue.Of(random.Next(options.ValueRange))),
            "put" or "append" => HistoryValue.Of($"x {process} {sequence} y"),
            _ => HistoryValue.Null,
        };

    // Applies operations in linearization-point order to compute what reads saw and whether each cas succeeded.
    private void Apply(List<PlannedOperation> planned, RandomHistoryOptions options)
    {
        var values = new HistoryValue[Math.Max(1, options.KeyCount)];
        Array.Fill(values, HistoryValue.Null);
        foreach (var operation in planned.OrderBy(operation => operation.LinearizationTime))
        {
            ref var value = ref values[operation.KeyIndex];
            switch (operation.F)
            {
                case "read":
                case "get":
                    var seen = operation.F == "get" && value.IsNull ? HistoryValue.Of("") : value;
                    operation.Output = random.NextDouble() < options.WrongReadProbability ? WrongValue(operation.F, seen, options) : seen;
                    break;
                case "cas":
                    var items = ((ListValue)operation.Input).Items;
                    if (!value.Equals(items[0]))
                    {
                        operation.Failed = !operation.IsInfo;
                    }
                    else if (operation.TakesEffect)
                    {
                        value = items[1];
                    }

                    break;
                case "append" when operation.TakesEffect:
                    value = HistoryValue.Of((value is StringValue text ? text.Value : "") + ((StringValue)operation.Input).Value);
                    break;
                case "write" or "put" when operation.TakesEffect:
                    value = operation.Input;
                    break;
            }
        }
    }

    private HistoryValue WrongValue(string f, HistoryValue seen, RandomHistoryOptions options)
    {
        if (f == "get")
        {
            return HistoryValue.Of(seen is StringValue text ? text.Value + "x ? ? y" : "x ? ? y");
        }

        var wrong = random.Next(options.ValueRange + 1);
        return wrong == options.ValueRange ? HistoryValue.Null : HistoryValue.Of(wrong);
    }

    private static List<HistoryEvent> ToEvents(List<PlannedOperation> planned) =>
        TimedOperation.ToEvents([.. planned.Select(operation =>
        {
            var (type, value) = operation.IsInfo ? (HistoryEventType.Info, operation.Input)
                : operation.Failed ? (HistoryEventType.Fail, operation.Input)
                : (HistoryEventType.Ok, operation.F is "read" or "get" ? operation.Output : operation.Input);
            var key = operation.KeyCountIsZero ? null : $"k{operation.KeyIndex}";
            return new TimedOperation(operation.Process, operation.F, key, operation.Input, type, value, operation.InvokeTime, operation.CompletionTime);
        })]);

    /// <summary>An operation being generated.</summary>
    private sealed class PlannedOperation
    {
        public int Process { get; init; }

        public int KeyIndex { get; init; }

        public bool KeyCountIsZero { get; init; }

        public required string F { get; init; }

        public HistoryValue Input { get; set; } = HistoryValue.Null;

        public HistoryValue Output { get; set; } = HistoryValue.Null;

        public long InvokeTime { get; init; }

        public long CompletionTime { get; init; }

        public long LinearizationTime { get; init; }

        public bool IsInfo { get; init; }

        public bool TakesEffect { get; set; }

        public bool Failed { get; set; }
    }
}
