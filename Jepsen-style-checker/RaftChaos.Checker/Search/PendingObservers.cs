namespace RaftChaos.Checker.Search;

/// <summary>
/// Per model state, how many pending operations could observe it: operations that are not blind writes (reads, cas)
/// and whose one legal state (the model's <c>OnlyLegalIn</c>) is that state; and, among them, how many are reads.
/// Operations whose legal states the model does not name count for every state. Kept on push and pop, so the search
/// can ask in constant time what it used to find by walking every candidate:
/// <list type="bullet">
/// <item>whether a forced read can exist in the current state (<see cref="MayHaveRead"/>): when not, the walk is skipped;</item>
/// <item>whether an info write to state v could be followed by an observer at all (<see cref="MayBeObserved"/>): under
/// <see cref="SearchReductions.LazyInfoWrites"/> only an observer may follow it, so when no pending operation can
/// observe v, placing it leads to a configuration with no move, and it is not placed.</item>
/// </list>
/// Both answers over-approximate (a pending operation need not be a candidate yet), so skipping on "no" loses nothing.
/// </summary>
internal sealed class PendingObservers
{
    private readonly int[] onlyLegalIn;
    private readonly bool[] isObserver;
    private readonly bool[] isRead;
    private readonly int[] observersIn;
    private readonly int[] readsIn;
    private int observersAnywhere;
    private int readsAnywhere;

    /// <param name="onlyLegalIn">Per operation, the one state id it is legal in, or -1 when the model does not say.</param>
    /// <param name="isBlindWrite">Per operation: a blind write (never an observer).</param>
    /// <param name="isReadOnly">Per operation: a read.</param>
    public PendingObservers(int[] onlyLegalIn, bool[] isBlindWrite, bool[] isReadOnly)
    {
        this.onlyLegalIn = onlyLegalIn;
        isObserver = [.. isBlindWrite.Select(blind => !blind)];
        isRead = isReadOnly;
        var states = onlyLegalIn.Length == 0 ? 0 : onlyLegalIn.Max() + 1;
        observersIn = new int[states];
        readsIn = new int[states];
        for (var operation = 0; operation < onlyLegalIn.Length; operation++)
        {
            Count(operation, +1);
        }
    }

    /// <summary>Whether some pending read may be legal in <paramref name="state"/>.</summary>
    public bool MayHaveRead(int state) => readsAnywhere > 0 || (state < readsIn.Length && readsIn[state] > 0);

    /// <summary>Whether some pending operation other than <paramref name="except"/> may observe <paramref name="state"/>.</summary>
    public bool MayBeObserved(int state, int except)
    {
        var own = isObserver[except] && (onlyLegalIn[except] < 0 || onlyLegalIn[except] == state) ? 1 : 0;
        var count = observersAnywhere + (state < observersIn.Length ? observersIn[state] : 0);
        return count - own > 0;
    }

    /// <summary>Called when <paramref name="operation"/> is linearized.</summary>
    public void Pushed(int operation) => Count(operation, -1);

    /// <summary>Called when <paramref name="operation"/> is taken back.</summary>
    public void Popped(int operation) => Count(operation, +1);

    private void Count(int operation, int delta)
    {
        if (!isObserver[operation])
        {
            return;
        }

        var read = isRead[operation] ? delta : 0;
        if (onlyLegalIn[operation] < 0)
        {
            observersAnywhere += delta;
            readsAnywhere += read;
            return;
        }

        observersIn[onlyLegalIn[operation]] += delta;
        readsIn[onlyLegalIn[operation]] += read;
    }
}
