using System.Runtime.InteropServices;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Search;

/// <summary>
/// The Wing &amp; Gong / Lowe search for one partition, as in Porcupine's <c>checkSingle</c>: walk the list of call and
/// return entries in real-time order; at a call, try to linearize the operation now (model step legal and the
/// configuration (linearized set, state) not seen before), lifting its entries out of the list; at a return whose call
/// is still in the list, undo the last choice. Operations are <c>ok</c> or effectful <c>info</c>; an info operation has
/// no return entry (it completes at infinity) and need not be linearized at all: the history is linearizable as soon as
/// every ok operation is. Model states are interned to ids and transitions cached, so the loop compares integers.
/// </summary>
internal sealed class LinearizabilitySearch<TState>
    where TState : notnull
{
    // Transitions from the first few state ids sit in a dense table indexed by (operation, state); registers rarely
    // have more states than that. Encoding: 0 not computed yet, 1 illegal, id + 2 otherwise.
    private const int DenseStates = 8;
    private const int Illegal = -1;
    private const int CheckBudgetEvery = 1024;

    private readonly Model<TState> model;
    private readonly Operation[] operations;
    private readonly SearchBudget budget;
    private readonly EntryList entries;
    private readonly List<TState> states = [];
    private readonly Dictionary<TState, int> stateIds;
    private readonly int[] denseTransitions;
    private readonly Dictionary<long, int> sparseTransitions = [];

    public LinearizabilitySearch(Model<TState> model, IReadOnlyList<Operation> operations, SearchBudget budget)
    {
        this.model = model;
        this.operations = [.. operations.OrderBy(operation => operation.InvokePosition)];
        this.budget = budget;
        entries = new EntryList(this.operations);
        stateIds = new Dictionary<TState, int>(model.StateComparer);
        denseTransitions = new int[this.operations.Length * DenseStates];
        Intern(model.Init);
    }

    public PartitionOutcome Run()
    {
        var okCount = operations.Count(operation => operation.Status == OperationStatus.Ok);
        if (okCount == 0)
        {
            return PartitionOutcome.Valid;
        }

        var count = operations.Length;
        var linearized = new LinearizedSet(count);
        using var memo = new LinearizedSetMemo(budget);
        var stackOperation = new int[count];
        var stackState = new int[count];
        var depth = 0;
        var longest = new LongestPrefix(count);
        var state = 0;
        var linearizedOk = 0;
        var iterations = 0;
        var entry = entries.First;

        while (true)
        {
            if (++iterations == CheckBudgetEvery)
            {
                iterations = 0;
                if (budget.StopReason() is { } reason)
                {
                    return PartitionOutcome.Unknown(reason);
                }
            }

            var operation = entries.OperationOf(entry);
            if (entries.IsCall(entry))
            {
                var next = Transition(state, operation);
                if (next != Illegal)
                {
                    linearized.Add(operation);
                    var added = memo.TryAdd(linearized, next);
                    if (added == MemoAddResult.Added)
                    {
                        stackOperation[depth] = operation;
                        stackState[depth] = state;
                        depth++;
                        longest.Pushed(stackOperation, depth);
                        state = next;
                        entries.Lift(operation);
                        if (operations[operation].Status == OperationStatus.Ok && ++linearizedOk == okCount)
                        {
                            return PartitionOutcome.Valid;
                        }

                        entry = entries.First;
                        continue;
                    }

                    linearized.Remove(operation);
                    if (added == MemoAddResult.OutOfMemory)
                    {
                        return PartitionOutcome.Unknown(budget.MemoryLimitReason);
                    }
                }

                entry = entries.Next(entry);
            }
            else
            {
                // A completed operation is still pending at its own return: the last choice was wrong.
                if (depth == 0)
                {
                    return new PartitionOutcome(Verdict.Invalid, BuildCounterexample(longest.Operations), null);
                }

                depth--;
                longest.Popped(depth);
                var undone = stackOperation[depth];
                state = stackState[depth];
                linearized.Remove(undone);
                entries.Unlift(undone);
                if (operations[undone].Status == OperationStatus.Ok)
                {
                    linearizedOk--;
                }

                entry = entries.Next(entries.CallOf(undone));
            }
        }
    }

    /// <summary>The state id after <paramref name="operation"/> in state <paramref name="state"/>, or <see cref="Illegal"/>.</summary>
    private int Transition(int state, int operation)
    {
        if (state < DenseStates)
        {
            ref var cached = ref denseTransitions[(operation * DenseStates) + state];
            if (cached == 0)
            {
                var next = Step(state, operation);
                cached = next + 2;
            }

            return cached - 2;
        }

        ref var sparse = ref CollectionsMarshal.GetValueRefOrAddDefault(sparseTransitions, ((long)state << 32) | (uint)operation, out var exists);
        if (!exists)
        {
            sparse = Step(state, operation);
        }

        return sparse;
    }

    private int Step(int state, int operation) =>
        model.Step(states[state], operations[operation], out var next) ? Intern(next) : Illegal;

    private int Intern(TState state)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(stateIds, state, out var exists);
        if (!exists)
        {
            id = states.Count;
            states.Add(state);
        }

        return id;
    }

    // Replays the longest prefix from a fully restored entry list, then lists the completed operations that were
    // candidates right after it: every one of them either is illegal there or leads to a dead end.
    private Counterexample BuildCounterexample(IReadOnlyList<int> prefix)
    {
        var steps = new List<LinearizedStep>(prefix.Count);
        var state = 0;
        foreach (var operation in prefix)
        {
            state = Transition(state, operation);
            entries.Lift(operation);
            steps.Add(new LinearizedStep(operations[operation], model.DescribeState(states[state])));
        }

        var stateText = model.DescribeState(states[state]);
        var blocked = new List<BlockedOperation>();
        for (var entry = entries.First; entries.IsCall(entry); entry = entries.Next(entry))
        {
            var operation = entries.OperationOf(entry);
            if (operations[operation].Status != OperationStatus.Ok)
            {
                continue;
            }

            var legal = Transition(state, operation) != Illegal;
            var reason = legal
                ? $"legal in state {stateText}, but no linearization of the rest follows"
                : $"not legal in state {stateText}";
            blocked.Add(new BlockedOperation(operations[operation], reason, legal));
        }

        for (var i = prefix.Count - 1; i >= 0; i--)
        {
            entries.Unlift(prefix[i]);
        }

        return new Counterexample(operations[0].Key, steps, stateText, blocked);
    }
}
