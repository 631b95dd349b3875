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
/// y precedes p in real time). So only producers invoked before y's return count as y's enablers. Over a small domain
/// this is what makes the index useful at all: a value written two hundred times in a long history has two hundred
/// producers, too many to track, but only the few written around the time of the read can be its last writer.
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
    private readonly int[] pendingEnablers;
    private readonly bool[] tracked;
    private readonly bool[] linearized;

    // The starved operations still pending, as a doubly linked list with head sentinel `head`. Every change is undone
    // in reverse order (push, pop), so unlinking and relinking ("dancing links") restore it exactly.
    private readonly int[] next;
    private readonly int[] previous;
    private readonly int head;

    private EnablerIndex(int[][] enables, int[] pendingEnablers, bool[] tracked)
    {
        this.enables = enables;
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

    /// <summary>Builds the index, or returns null when the closure of states or the work to find it is too large.</summary>
    /// <param name="transition">The model's step on state ids, <see cref="StateTable{TState}.Illegal"/> when not legal.</param>
    /// <param name="onlyLegalIn">Per operation: the one state id it is legal in, or -1 when not known.</param>
    /// <param name="isOk">Per operation: ok (must be linearized).</param>
    /// <param name="isBlindWrite">Per operation: a blind write (always legal, result independent of the state).</param>
    /// <param name="isReadOnly">Per operation: never changes the state.</param>
    /// <param name="invokedBefore">
    /// Per ok operation y: how many operations were invoked before y returned. Operations are numbered in invoke order,
    /// so these are operations 0 .. invokedBefore[y] - 1, the only ones that can be linearized before y.
    /// </param>
    public static EnablerIndex? Build(
        Func<int, int, int> transition, int[] onlyLegalIn, bool[] isOk, bool[] isBlindWrite, bool[] isReadOnly, int[] invokedBefore)
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

        // Per state, the operations that can produce it, in invoke order (so those invoked before a return are a prefix).
        var producers = new Dictionary<int, List<int>>();
        for (var p = 0; p < count; p++)
        {
            foreach (var produced in Produced(transition, closure, p, onlyLegalIn[p], isBlindWrite, isReadOnly, ref budget))
            {
                (producers.TryGetValue(produced, out var known) ? known : producers[produced] = []).Add(p);
            }

            if (budget < 0)
            {
                return null;
            }
        }

        // The enablers of each ok operation that is not a blind write (those are always legal): the producers of the
        // states it is legal in that were invoked before it returned, itself excepted. Only operations with few are tracked.
        var enables = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var pending = new int[count];
        var tracked = new bool[count];
        var enablers = new HashSet<int>();
        for (var y = 0; y < count; y++)
        {
            if (!isOk[y] || isBlindWrite[y])
            {
                continue;
            }

            enablers.Clear();
            var many = false;
            foreach (var legal in onlyLegalIn[y] >= 0 ? [onlyLegalIn[y]] : closure.Where(s => --budget >= 0 && transition(s, y) != StateTable<int>.Illegal))
            {
                if (producers.TryGetValue(legal, out var list))
                {
                    var before = list.BinarySearch(invokedBefore[y]);
                    before = before < 0 ? ~before : before;
                    many |= before > MaxTrackedEnablers + 1;
                    if (!many)
                    {
                        enablers.UnionWith(list.Take(before));
                    }
                }
            }

            enablers.Remove(y);
            if (budget < 0)
            {
                return null;
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

        return new EnablerIndex([.. enables.Select(list => list.ToArray())], pending, tracked);
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

    private static IEnumerable<int> Produced(
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
