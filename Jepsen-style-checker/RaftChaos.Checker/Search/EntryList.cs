namespace RaftChaos.Checker.Search;

/// <summary>
/// The doubly linked list of call and return entries in real-time (event position) order, with "dancing links" lift and
/// unlift: removing an operation's entries and putting them back in reverse order restores the list exactly, which is
/// all the search's LIFO backtracking needs. Entry 0 is the head sentinel and the last entry the tail sentinel.
/// Operations with no completion (info) have only a call entry.
/// </summary>
internal sealed class EntryList
{
    private readonly int[] next;
    private readonly int[] previous;
    private readonly int[] operationOf;
    private readonly bool[] isCall;
    private readonly int[] callOf;
    private readonly int[] returnOf;
    private readonly int tail;

    public EntryList(IReadOnlyList<History.Operation> operations)
    {
        var events = new List<(int Position, int Operation, bool IsCall)>(operations.Count * 2);
        for (var i = 0; i < operations.Count; i++)
        {
            events.Add((operations[i].InvokePosition, i, true));
            if (operations[i].Status == History.OperationStatus.Ok)
            {
                events.Add((operations[i].CompletionPosition!.Value, i, false));
            }
        }

        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        tail = events.Count + 1;
        next = new int[tail + 1];
        previous = new int[tail + 1];
        operationOf = new int[tail + 1];
        isCall = new bool[tail + 1];
        callOf = new int[operations.Count];
        returnOf = new int[operations.Count];
        Array.Fill(returnOf, -1);
        for (var entry = 0; entry <= tail; entry++)
        {
            next[entry] = entry + 1;
            previous[entry] = entry - 1;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var entry = i + 1;
            operationOf[entry] = events[i].Operation;
            isCall[entry] = events[i].IsCall;
            if (events[i].IsCall)
            {
                callOf[events[i].Operation] = entry;
            }
            else
            {
                returnOf[events[i].Operation] = entry;
            }
        }
    }

    /// <summary>The first entry still in the list (the tail sentinel when empty).</summary>
    public int First => next[0];

    public int Next(int entry) => next[entry];

    public bool IsCall(int entry) => isCall[entry];

    public int OperationOf(int entry) => operationOf[entry];

    public int CallOf(int operation) => callOf[operation];

    /// <summary>Takes the operation's call (and return) entries out of the list.</summary>
    public void Lift(int operation)
    {
        Unlink(callOf[operation]);
        var returnEntry = returnOf[operation];
        if (returnEntry >= 0)
        {
            Unlink(returnEntry);
        }
    }

    /// <summary>Puts back what <see cref="Lift"/> took out; must undo lifts in reverse order.</summary>
    public void Unlift(int operation)
    {
        var returnEntry = returnOf[operation];
        if (returnEntry >= 0)
        {
            Relink(returnEntry);
        }

        Relink(callOf[operation]);
    }

    private void Unlink(int entry)
    {
        next[previous[entry]] = next[entry];
        previous[next[entry]] = previous[entry];
    }

    private void Relink(int entry)
    {
        next[previous[entry]] = entry;
        previous[next[entry]] = entry;
    }
}
