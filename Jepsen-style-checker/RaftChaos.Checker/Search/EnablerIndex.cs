namespace RaftChaos.Checker.Search;

/// <summary>
/// Starvation: an ok operation y still pending can only ever be linearized in a state that the current state or some
/// pending operation can produce. When the current state does not allow y and no pending operation can produce a state
/// that does (y has no pending "enabler"), the configuration is a dead end, however the rest is ordered.
/// <para>
/// Why this is sound: in any completion, y runs either in the current state (only reads came before it) or in the
/// state left by the last operation p before it that is not read-only, a pending operation other than y, applied to a state reachable
/// from the initial one. Every such state is in the closure <c>K</c> of the initial state under all operations of the
/// partition, so it is one of p's produced states {step(s, p) | s in K}, and y is legal in it: p is an enabler of y.
/// </para>
/// <para>
/// Real time narrows it further: p can only come before y in a linearization if p was invoked before y returned (else
/// y precedes p in real time). So only producers invoked before y's return count as y's enablers. That alone still
/// counts every write of y's value since the start of the history: over a domain of 5, a read at operation 1,000 had a
/// hundred producers, was not tracked, and starvation decided nothing past the first few hundred operations. Two more
/// cuts make the enablers the few written around the read (proofs at <see cref="LatestOverwrite"/> and
/// <see cref="ChainRoots"/>): a producer that an acknowledged write of another value must overwrite before y is none
/// (<see cref="SearchReductions.OverwrittenEnablers"/>), and of a chain of alike producers that the search places in
/// order (<see cref="IdenticalOperations"/>; every info write of a value) only the newest counts.
/// </para>
/// <para>
/// This is what decides most histories with a planted fault: a read of a value never written has no enabler from the
/// start, and once a lost write's successor is linearized, the read that saw the old value has none left; without it
/// the search first exhausts every ordering of everything concurrent. Counts are kept per operation and adjusted on
/// each push and pop; only operations with few enablers are tracked (one with many is rarely starved, and updating
/// it on every push would cost more than it saves). Built only while the closure stays small.
/// </para>
/// </summary>
internal sealed class EnablerIndex
{
    private const int MaxStates = 4096;
    private const int MaxTransitions = 1_000_000;
    private const int MaxTrackedEnablers = 16;

    private readonly int[][] enables;
    private readonly int[] overwriter;
    private readonly int[] pendingEnablers;
    private readonly bool[] tracked;
    private readonly bool[] linearized;

    // The starved operations still pending, as a doubly linked list with head sentinel `head`. Every change is undone
    // in reverse order (push, pop), so unlinking and relinking ("dancing links") restore it exactly.
    private readonly int[] next;
    private readonly int[] previous;
    private readonly int head;

    private EnablerIndex(int[][] enables, int[] overwriter, int[] pendingEnablers, bool[] tracked)
    {
        this.enables = enables;
        this.overwriter = overwriter;
        this.pendingEnablers = pendingEnablers;
        this.tracked = tracked;
        var count = pendingEnablers.Length;
        linearized = new bool[count];
        head = count;
        next = new int[count + 1];
        previous = new int[count + 1];
        next[head] = previous[head] = head;
        for (var y = 0; y < count; y++)
        {
            if (tracked[y] && pendingEnablers[y] == 0)
            {
                Insert(y);
            }
        }
    }

    /// <summary>The first pending starved operation, or -1; walk on with <see cref="NextStarved"/>.</summary>
    public int FirstStarved => next[head] == head ? -1 : next[head];

    /// <summary>The pending starved operation after <paramref name="y"/>, or -1.</summary>
    public int NextStarved(int y) => next[y] == head ? -1 : next[y];

    /// <summary>
    /// The acknowledged operation that must overwrite y's state before y (the latest invoked, see
    /// <see cref="LatestOverwrite"/>), or -1. While it is pending, a starved y is dead even in a state it is legal in: it
    /// cannot come before that operation, and after it nothing pending can give y its state back.
    /// </summary>
    public int OverwriterOf(int y) => overwriter[y];

    /// <summary>Builds the index, or returns null when the closure of states or the work to find it is too large.</summary>
    /// <param name="transition">The model's step on state ids, <see cref="StateTable{TState}.Illegal"/> when not legal.</param>
    /// <param name="onlyLegalIn">Per operation: the one state id it is legal in, or -1 when not known.</param>
    /// <param name="isOk">Per operation: ok (must be linearized).</param>
    /// <param name="isBlindWrite">Per operation: a blind write (always legal, result independent of the state).</param>
    /// <param name="isReadOnly">Per operation: never changes the state.</param>
    /// <param name="order">Where each operation's invoke and return fall (operations numbered in invoke order).</param>
    /// <param name="overwritten">Whether to leave out producers that some acknowledged write must overwrite before y (below).</param>
    /// <param name="blockers">
    /// <see cref="IdenticalOperations"/>' blockers when the search applies them, else null: alike producers are then
    /// linearized in their chain's order, and only the last of a chain needs counting (below).
    /// </param>
    public static EnablerIndex? Build(
        Func<int, int, int> transition, int[] onlyLegalIn, bool[] isOk, bool[] isBlindWrite, bool[] isReadOnly, RealTimeOrder order,
        bool overwritten, int[]? blockers)
    {
        var count = isOk.Length;
        var budget = MaxTransitions;
        var closure = Closure(transition, onlyLegalIn, isBlindWrite, isReadOnly, Math.Min(MaxStates, (2 * count) + 2), ref budget);
        if (closure is null)
        {
            return null;
        }

        // What is left costs a transition per (state, operation) pair for operations whose one legal state the model does
        // not give: give up before starting when that is past the budget.
        if ((long)closure.Count * onlyLegalIn.Count(only => only < 0) > budget)
        {
            return null;
        }

        // Per state, the operations that can produce it, in invoke order, ok and info apart (an info one has no return).
        var okProducers = new Dictionary<int, List<int>>();
        var infoProducers = new Dictionary<int, List<int>>();
        var leaves = new int[count];
        for (var p = 0; p < count; p++)
        {
            var produced = Produced(transition, closure, p, onlyLegalIn[p], isBlindWrite, isReadOnly, ref budget);
            var producers = isOk[p] ? okProducers : infoProducers;
            foreach (var state in produced)
            {
                (producers.TryGetValue(state, out var known) ? known : producers[state] = []).Add(p);
            }

            leaves[p] = isOk[p] && produced.Count == 1 ? produced.First() : -1;
            if (budget < 0)
            {
                return null;
            }
        }

        // Without the rule, "overwritten before any operation" is position -1 (no producer returned before it).
        var (latestOverwrite, overwriter) = overwritten
            ? LatestOverwrite(leaves, onlyLegalIn, order)
            : (Enumerable.Repeat(-1, count).ToArray(), Enumerable.Repeat(-1, count).ToArray());
        var chainRoot = ChainRoots(blockers, count);
        var successor = Successors(blockers, count);

        // The enablers of each ok operation that is not a blind write (those are always legal): the producers of the
        // states it is legal in that were invoked before it returned, itself excepted, less those that an acknowledged
        // write must overwrite before it, one per chain of alike producers. Only operations with few are tracked.
        var enables = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var pending = new int[count];
        var tracked = new bool[count];
        var enablers = new HashSet<int>();
        var chains = new HashSet<int>();
        var scanBudget = 4L * MaxTransitions;
        for (var y = 0; y < count && scanBudget > 0; y++)
        {
            if (!isOk[y] || isBlindWrite[y])
            {
                continue;
            }

            enablers.Clear();
            chains.Clear();
            var many = false;
            var bound = order.InvokedBeforeReturn[y];
            var overwrite = latestOverwrite[y];
            foreach (var legal in onlyLegalIn[y] >= 0 ? [onlyLegalIn[y]] : closure.Where(s => --budget >= 0 && transition(s, y) != StateTable<int>.Illegal))
            {
                if (okProducers.TryGetValue(legal, out var oks))
                {
                    // Newest first; an ok producer invoked more than the longest operation's span before the overwrite
                    // returned before it, and so did every older one.
                    for (var i = Below(oks, bound) - 1; i >= 0 && !many; i--)
                    {
                        var p = oks[i];
                        scanBudget--;
                        if ((long)order.Invoke[p] + order.LongestSpan < overwrite)
                        {
                            break;
                        }

                        if (p != y && order.Completion[p] > overwrite)
                        {
                            enablers.Add(p);
                            many = enablers.Count > (2 * MaxTrackedEnablers) + 1;
                        }
                    }
                }

                if (infoProducers.TryGetValue(legal, out var infos))
                {
                    // Never overwritten for sure (no return); of a chain, the newest stands for all (see ChainRoots).
                    for (var i = Below(infos, bound) - 1; i >= 0 && !many; i--)
                    {
                        scanBudget--;
                        if (chains.Add(chainRoot[infos[i]]))
                        {
                            enablers.Add(infos[i]);
                            many = enablers.Count > (2 * MaxTrackedEnablers) + 1;
                        }
                    }
                }
            }

            if (budget < 0)
            {
                return null;
            }

            // Of an ok chain, drop p when its successor is an enabler too (y itself is never one: removed above).
            if (successor is not null)
            {
                enablers.ExceptWith([.. enablers.Where(p => successor[p] >= 0 && enablers.Contains(successor[p]))]);
            }

            if (many || enablers.Count > MaxTrackedEnablers)
            {
                continue;
            }

            tracked[y] = true;
            pending[y] = enablers.Count;
            foreach (var p in enablers)
            {
                enables[p].Add(y);
            }
        }

        return new EnablerIndex([.. enables.Select(list => list.ToArray())], overwriter, pending, tracked);
    }

    // Overwritten enablers. Let y be legal only in state v, and q an ok operation that leaves one state, not v, with q
    // returned before y was invoked. Every ok producer p of v that returned before q was invoked is no enabler of y: in
    // every linearization p < q < y, so the last operation before y that changes the state comes at q or after it, never
    // at p (and q itself leaves a state y is not legal in). p is pending only while q is (q cannot be linearized before
    // p), so leaving p out loses no completion. It is enough to know, per y, the latest invoke of such a q: then p is out
    // exactly when it returned before that. Per y, the invoke position of the latest-invoked such q and q, or -1 and -1.
    private static (int[] Position, int[] Operation) LatestOverwrite(int[] leaves, int[] onlyLegalIn, RealTimeOrder order)
    {
        var count = leaves.Length;
        var result = new int[count];
        var operation = new int[count];
        var byReturn = Enumerable.Range(0, count).Where(q => leaves[q] >= 0).OrderBy(q => order.Completion[q]).ToArray();

        // Over the operations returned so far: the latest invoke and the state it leaves, and the latest invoke among
        // those leaving any other state. The latest invoke leaving a state other than v is one of the two.
        var (best, bestState, second) = (-1, -1, -1);
        var (bestOperation, secondOperation) = (-1, -1);
        var j = 0;
        for (var y = 0; y < count; y++)
        {
            for (; j < byReturn.Length && order.Completion[byReturn[j]] < order.Invoke[y]; j++)
            {
                var (q, invoke, state) = (byReturn[j], order.Invoke[byReturn[j]], leaves[byReturn[j]]);
                if (invoke > best)
                {
                    (second, secondOperation) = state != bestState ? (best, bestOperation) : (second, secondOperation);
                    (best, bestState, bestOperation) = (invoke, state, q);
                }
                else if (state != bestState && invoke > second)
                {
                    (second, secondOperation) = (invoke, q);
                }
            }

            (result[y], operation[y]) = onlyLegalIn[y] < 0 ? (-1, -1) : bestState != onlyLegalIn[y] ? (best, bestOperation) : (second, secondOperation);
        }

        return (result, operation);
    }

    // Identical producers. With IdenticalOperations, an operation is tried only after its blocker is linearized, so of a
    // chain of alike operations (each blocking the next) the linearized ones are always a prefix of the chain. Some
    // member of a run of consecutive chain members is pending exactly when the newest of the run is: so the newest
    // stands for the run. Info producers of a state invoked before y returned are such a run (every alike info operation
    // blocks the next), and twenty info writes of one value count as one enabler, where before they made y untracked.
    // Per operation, the first of its chain; each its own without blockers.
    private static int[] ChainRoots(int[]? blockers, int count)
    {
        var root = new int[count];
        for (var x = 0; x < count; x++)
        {
            root[x] = blockers is not null && blockers[x] >= 0 ? root[blockers[x]] : x;
        }

        return root;
    }

    // Per operation, the one it blocks, or -1 (a blocker blocks at most the next alike operation); null without blockers.
    private static int[]? Successors(int[]? blockers, int count)
    {
        if (blockers is null)
        {
            return null;
        }

        var next = new int[count];
        Array.Fill(next, -1);
        for (var x = 0; x < count; x++)
        {
            if (blockers[x] >= 0)
            {
                next[blockers[x]] = x;
            }
        }

        return next;
    }

    // How many of the (invoke-ordered) operations in the list were numbered below the bound.
    private static int Below(List<int> operations, int bound)
    {
        var at = operations.BinarySearch(bound);
        return at < 0 ? ~at : at;
    }

    /// <summary>Called when <paramref name="operation"/> is linearized.</summary>
    public void Pushed(int operation)
    {
        if (tracked[operation] && pendingEnablers[operation] == 0)
        {
            Unlink(operation);
        }

        linearized[operation] = true;
        foreach (var y in enables[operation])
        {
            if (--pendingEnablers[y] == 0 && !linearized[y])
            {
                Insert(y);
            }
        }
    }

    /// <summary>Called when <paramref name="operation"/> is taken back; must undo <see cref="Pushed"/> calls in reverse order.</summary>
    public void Popped(int operation)
    {
        var ys = enables[operation];
        for (var i = ys.Length - 1; i >= 0; i--)
        {
            if (pendingEnablers[ys[i]]++ == 0 && !linearized[ys[i]])
            {
                Unlink(ys[i]);
            }
        }

        linearized[operation] = false;
        if (tracked[operation] && pendingEnablers[operation] == 0)
        {
            Relink(operation);
        }
    }

    private void Insert(int y)
    {
        next[y] = next[head];
        previous[y] = head;
        Relink(y);
    }

    private void Unlink(int y)
    {
        next[previous[y]] = next[y];
        previous[next[y]] = previous[y];
    }

    private void Relink(int y)
    {
        next[previous[y]] = y;
        previous[next[y]] = y;
    }

    // Every state reachable from the initial one (id 0) by any sequence of the operations, or null past the bounds.
    // At most maxStates: a register has at most one state per written value and the initial one.
    private static List<int>? Closure(
        Func<int, int, int> transition, int[] onlyLegalIn, bool[] isBlindWrite, bool[] isReadOnly, int maxStates, ref int budget)
    {
        var seen = new HashSet<int> { 0 };
        var states = new List<int> { 0 };
        var fromOnly = new Dictionary<int, List<int>>();
        var fromAny = new List<int>();
        for (var p = 0; p < isBlindWrite.Length; p++)
        {
            if (isBlindWrite[p])
            {
                // A blind write's result is the same from every state.
                var written = transition(0, p);
                if (written != StateTable<int>.Illegal && seen.Add(written))
                {
                    states.Add(written);
                }
            }
            else if (!isReadOnly[p])
            {
                if (onlyLegalIn[p] >= 0)
                {
                    (fromOnly.TryGetValue(onlyLegalIn[p], out var list) ? list : fromOnly[onlyLegalIn[p]] = []).Add(p);
                }
                else
                {
                    fromAny.Add(p);
                }
            }
        }

        // An operation that changes the state, may be legal in several states and is no blind write (an append) makes
        // the closure grow with every combination: give up at once rather than intern thousands of strings.
        if (fromAny.Count > 0)
        {
            return null;
        }

        for (var i = 0; i < states.Count; i++)
        {
            foreach (var p in fromOnly.TryGetValue(states[i], out var only) ? only : [])
            {
                if (--budget < 0 || states.Count > maxStates)
                {
                    return null;
                }

                var next = transition(states[i], p);
                if (next != StateTable<int>.Illegal && seen.Add(next))
                {
                    states.Add(next);
                }
            }
        }

        return states;
    }

    private static IReadOnlyCollection<int> Produced(
        Func<int, int, int> transition, List<int> closure, int p, int onlyLegalIn, bool[] isBlindWrite, bool[] isReadOnly, ref int budget)
    {
        if (isReadOnly[p])
        {
            return [];
        }

        if (isBlindWrite[p] || onlyLegalIn >= 0)
        {
            var next = transition(isBlindWrite[p] ? 0 : onlyLegalIn, p);
            return next == StateTable<int>.Illegal ? [] : [next];
        }

        var produced = new HashSet<int>();
        foreach (var s in closure)
        {
            budget--;
            var next = transition(s, p);
            if (next != StateTable<int>.Illegal)
            {
                produced.Add(next);
            }
        }

        return produced;
    }
}
