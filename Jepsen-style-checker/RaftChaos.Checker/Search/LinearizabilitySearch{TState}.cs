using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Search;

/// <summary>
/// The Wing &amp; Gong / Lowe search for one partition, as in Porcupine's <c>checkSingle</c>: walk the list of call and
/// return entries in real-time order; at a call, try to linearize the operation now (model step legal and the
/// configuration (linearized set, state) not seen before), lifting its entries out of the list; at a return whose call
/// is still in the list, undo the last choice. Operations are <c>ok</c> or effectful <c>info</c>; an info operation has
/// no return entry (it completes at infinity) and need not be linearized at all: the history is linearizable as soon as
/// every ok operation is. Model states are interned to ids and transitions cached (<see cref="StateTable{TState}"/>).
/// <para>
/// Five reductions cut the branching (<see cref="SearchReductions"/>; a sixth, a candidate order, is kept for
/// measurement); each keeps the search sound and complete. The invariant they share: from a configuration, the moves
/// tried include the first move of some completion whenever any completion exists, and which moves are tried depends
/// only on the configuration, so the memo stays valid.
/// </para>
/// </summary>
internal sealed class LinearizabilitySearch<TState>
    where TState : notnull
{
    private const int CheckBudgetEvery = 1024;

    private readonly Model<TState> model;
    private readonly Operation[] operations;
    private readonly SearchBudget budget;
    private readonly EntryList entries;
    private readonly StateTable<TState> table;
    private readonly bool[] isOk;
    private readonly bool[] isBlindWrite;
    private readonly bool[] isReadOnly;
    private readonly int[]? blockers;
    private readonly EnablerIndex? enablers;
    private readonly PendingObservers observers;
    private readonly bool forceNoOps;
    private readonly bool lazyInfoWrites;
    private readonly bool infoLast;
    private readonly int infoCount;

    // The search's position: the stack of linearized operations, with what each push replaced.
    private readonly LinearizedSet linearized;
    private readonly int[] stackOperation;
    private readonly int[] stackState;
    private readonly bool[] stackMustObserve;
    private readonly bool[] stackForced;
    private readonly LongestPrefix longest;
    private int depth;
    private int state;
    private int linearizedOk;

    // Set right after an info blind write: the next operation must observe the state (see LazyInfoWrites below).
    private bool mustObserve;

    // InfoLast: the walk over the candidates is in its second pass, over info operations only.
    private bool infoPass;

    public LinearizabilitySearch(Model<TState> model, IReadOnlyList<Operation> operations, SearchBudget budget, SearchReductions reductions)
    {
        this.model = model;
        this.operations = [.. operations.OrderBy(operation => operation.InvokePosition)];
        this.budget = budget;
        var count = this.operations.Length;
        entries = new EntryList(this.operations);
        table = new StateTable<TState>(model, this.operations);
        isOk = [.. this.operations.Select(operation => operation.Status == OperationStatus.Ok)];
        isBlindWrite = [.. this.operations.Select(model.IsBlindWrite)];
        isReadOnly = [.. this.operations.Select(model.IsReadOnly)];
        blockers = reductions.HasFlag(SearchReductions.IdenticalOperations) ? IdenticalOperations.Blockers(this.operations) : null;
        forceNoOps = reductions.HasFlag(SearchReductions.ForcedNoOps);
        lazyInfoWrites = reductions.HasFlag(SearchReductions.LazyInfoWrites);
        infoLast = reductions.HasFlag(SearchReductions.InfoLast);
        infoCount = isOk.Count(ok => !ok);
        var onlyLegalIn = OnlyLegalInIds();
        enablers = reductions.HasFlag(SearchReductions.StarvedOperations)
            ? EnablerIndex.Build(
                table.TransitionUncached, onlyLegalIn, isOk, isBlindWrite, isReadOnly, new RealTimeOrder(this.operations),
                reductions.HasFlag(SearchReductions.OverwrittenEnablers), blockers)
            : null;
        observers = new PendingObservers(onlyLegalIn, isBlindWrite, isReadOnly);
        linearized = new LinearizedSet(isOk);
        stackOperation = new int[count];
        stackState = new int[count];
        stackMustObserve = new bool[count];
        stackForced = new bool[count];
        longest = new LongestPrefix(count);
    }

    // Per operation, the id of the one state it is legal in, or -1 when the model does not say.
    private int[] OnlyLegalInIds() =>
        [.. operations.Select(operation => model.OnlyLegalIn(operation, out var only) ? table.IdOf(only) : -1)];

    public PartitionOutcome Run()
    {
        var memoCount = 0L;
        var outcome = Search(ref memoCount);
        return outcome with { Configurations = memoCount };
    }

    private PartitionOutcome Search(ref long memoCount)
    {
        var okCount = isOk.Count(ok => ok);
        if (okCount == 0)
        {
            return PartitionOutcome.Valid;
        }

        using var memo = new LinearizedSetMemo(budget);
        var iterations = 0;
        var entry = entries.First;

        // True on reaching a configuration not seen before: look for a forced move before walking the candidates.
        var arrived = true;
        while (true)
        {
            if (++iterations == CheckBudgetEvery)
            {
                iterations = 0;
                if (budget.StopReason() is { } reason)
                {
                    return PartitionOutcome.Unknown(reason, Progress());
                }
            }

            MemoAddResult added;
            if (arrived && IsStarved())
            {
                arrived = false;
                if (!Backtrack(ref entry))
                {
                    return new PartitionOutcome(Verdict.Invalid, BuildCounterexample(longest.Operations), null);
                }

                continue;
            }

            // The move to try: a forced read on arrival, else the candidate at this entry.
            var (move, next, forced) = (-1, state, false);
            if (arrived)
            {
                arrived = false;
                move = FindForcedNoOp();
                forced = move >= 0;
            }

            if (!forced)
            {
                var operation = entries.OperationOf(entry);
                if (!entries.IsCall(entry))
                {
                    // InfoLast: the ok candidates are done; now the info ones, if any is pending.
                    if (infoLast && !infoPass && infoCount - (depth - linearizedOk) > 0)
                    {
                        infoPass = true;
                        entry = entries.First;
                        continue;
                    }

                    // A completed operation is still pending at its own return: the last choice was wrong.
                    if (!Backtrack(ref entry))
                    {
                        return new PartitionOutcome(Verdict.Invalid, BuildCounterexample(longest.Operations), null);
                    }

                    continue;
                }

                if (infoLast && isOk[operation] == infoPass)
                {
                    // Not this pass's kind.
                    entry = entries.Next(entry);
                    continue;
                }

                if (MayTry(operation))
                {
                    next = table.Transition(state, operation);

                    // LazyInfoWrites: an info blind write that leaves the state as it is can be dropped from any
                    // linearization, and one that no pending operation can observe has no move after it.
                    var useless = lazyInfoWrites && !isOk[operation] && isBlindWrite[operation]
                        && (next == state || (next != StateTable<TState>.Illegal && !observers.MayBeObserved(next, operation)));
                    move = next != StateTable<TState>.Illegal && !useless ? operation : -1;
                }
            }

            added = move < 0 ? MemoAddResult.Present : TryPush(memo, move, next, forced);
            if (added == MemoAddResult.Added)
            {
                memoCount = memo.Count;
                if (linearizedOk == okCount)
                {
                    return PartitionOutcome.Valid;
                }

                // The deterministic bound: checked on every new configuration, so it stops at the same one everywhere.
                if (memoCount >= budget.ConfigurationLimit)
                {
                    return PartitionOutcome.Unknown(budget.ConfigurationLimitReason, Progress());
                }

                arrived = true;
                entry = entries.First;
                infoPass = false;
                continue;
            }

            if (added == MemoAddResult.OutOfMemory)
            {
                return PartitionOutcome.Unknown(budget.MemoryLimitReason, Progress());
            }

            // A forced move seen before failed then; as it loses no completion, this configuration fails too.
            if (forced && !Backtrack(ref entry))
            {
                return new PartitionOutcome(Verdict.Invalid, BuildCounterexample(longest.Operations), null);
            }

            if (!forced)
            {
                entry = entries.Next(entry);
            }
        }
    }

    // ForcedNoOps. Let x be an ok read-only candidate (a read: it never changes the state, and its call precedes every
    // pending return) that is legal in the current state s. Claim: if any completion from here exists, one starts with
    // x. Take a completion o1 .. ok-1, x, ok+1 ..; move x to the front. Real time: an oi before x must precede x only if
    // oi completed before x was invoked, but then oi's return precedes x's call and, x being a candidate, oi is already
    // linearized; x moving earlier breaks no constraint that others have on it. Model: x is legal in s and changes
    // nothing, so o1 .. ok-1 see the same states as before, and taking x out of its old place changes no later state
    // either. (Read-only matters: a write that happens to leave s as it is now would change the state in its old place;
    // the tests caught that.) So no other choice is tried here, and if the configuration after x is a dead end, so is
    // this one (Backtrack pops through forced moves). x is an observer, so mustObserve does not stand in its way.
    private int FindForcedNoOp()
    {
        if (!forceNoOps || !observers.MayHaveRead(state))
        {
            return -1;
        }

        for (var entry = entries.First; entries.IsCall(entry); entry = entries.Next(entry))
        {
            var operation = entries.OperationOf(entry);
            if (isReadOnly[operation] && MayTry(operation) && table.Transition(state, operation) == state)
            {
                return operation;
            }
        }

        return -1;
    }

    // StarvedOperations: some pending ok operation is illegal now, or must wait for an overwrite of its state, and nothing
    // pending can make it legal (EnablerIndex).
    private bool IsStarved()
    {
        if (enablers is null)
        {
            return false;
        }

        for (var y = enablers.FirstStarved; y >= 0; y = enablers.NextStarved(y))
        {
            if (table.Transition(state, y) == StateTable<TState>.Illegal
                || (enablers.OverwriterOf(y) is >= 0 and var overwriter && !linearized.Contains(overwriter)))
            {
                return true;
            }
        }

        return false;
    }

    // LazyInfoWrites. Any linearization can be rewritten, without changing what the ok operations see, so that every
    // info blind write w in it changes the state and is followed directly by an observer (any operation that is not a
    // blind write): drop w when it is followed by a blind write (which overwrites it before anyone looks) or by nothing,
    // or when it writes the value already there; each drop shortens the sequence, so this ends. Hence after placing an
    // info blind write, only observers may come next (mustObserve, part of the memo key), and a no-op one is never placed.
    // IdenticalOperations: see that class; x waits for its blocker.
    private bool MayTry(int operation)
    {
        if (mustObserve && isBlindWrite[operation])
        {
            return false;
        }

        return blockers is null || blockers[operation] < 0 || linearized.Contains(blockers[operation]);
    }

    private MemoAddResult TryPush(LinearizedSetMemo memo, int operation, int next, bool forced)
    {
        var nextMustObserve = lazyInfoWrites && !isOk[operation] && isBlindWrite[operation];
        linearized.Add(operation);
        var added = memo.TryAdd(linearized, (next << 1) | (nextMustObserve ? 1 : 0));
        if (added != MemoAddResult.Added)
        {
            linearized.Remove(operation);
            return added;
        }

        stackOperation[depth] = operation;
        stackState[depth] = state;
        stackMustObserve[depth] = mustObserve;
        stackForced[depth] = forced;
        depth++;
        longest.Pushed(stackOperation, depth);
        state = next;
        mustObserve = nextMustObserve;
        entries.Lift(operation);
        enablers?.Pushed(operation);
        observers.Pushed(operation);
        linearizedOk += isOk[operation] ? 1 : 0;
        return added;
    }

    // Undoes the last choice and moves the walk past it; a forced move is no choice, so it is undone together with the
    // one below it. False when there is nothing left to undo: the history is not linearizable.
    private bool Backtrack(ref int entry)
    {
        while (depth > 0)
        {
            depth--;
            longest.Popped(depth);
            var undone = stackOperation[depth];
            state = stackState[depth];
            mustObserve = stackMustObserve[depth];
            linearized.Remove(undone);
            entries.Unlift(undone);
            enablers?.Popped(undone);
            observers.Popped(undone);
            linearizedOk -= isOk[undone] ? 1 : 0;
            if (!stackForced[depth])
            {
                entry = entries.Next(entries.CallOf(undone));
                infoPass = infoLast && !isOk[undone];
                return true;
            }
        }

        return false;
    }

    private SearchProgress Progress()
    {
        var (steps, stateText) = Replay(longest.Operations);
        return new SearchProgress(operations[0].Key, operations.Length, steps.Count, steps, stateText);
    }

    private (List<LinearizedStep> Steps, string StateText) Replay(IReadOnlyList<int> prefix)
    {
        var steps = new List<LinearizedStep>(prefix.Count);
        var at = 0;
        foreach (var operation in prefix)
        {
            at = table.Transition(at, operation);
            steps.Add(new LinearizedStep(operations[operation], model.DescribeState(table.StateOf(at))));
        }

        return (steps, model.DescribeState(table.StateOf(at)));
    }

    // Replays the longest prefix from a fully restored entry list, then lists the completed operations that were
    // candidates right after it: every one of them either is illegal there or leads to a dead end.
    private Counterexample BuildCounterexample(IReadOnlyList<int> prefix)
    {
        var (steps, stateText) = Replay(prefix);
        var at = 0;
        foreach (var operation in prefix)
        {
            at = table.Transition(at, operation);
            entries.Lift(operation);
        }

        var blocked = new List<BlockedOperation>();
        for (var entry = entries.First; entries.IsCall(entry); entry = entries.Next(entry))
        {
            var operation = entries.OperationOf(entry);
            if (!isOk[operation])
            {
                continue;
            }

            var legal = table.Transition(at, operation) != StateTable<TState>.Illegal;
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
