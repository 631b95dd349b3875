namespace RaftChaos.Checker.Search;

/// <summary>
/// Remembers the deepest stack of linearized operations seen, for the counterexample. Copies only the part that
/// differs from the last record (the stack below <c>sharedDepth</c> has not changed since), so keeping it is linear
/// in the number of pushes rather than quadratic.
/// </summary>
internal sealed class LongestPrefix
{
    private readonly int[] best;
    private int bestDepth;
    private int sharedDepth;

    public LongestPrefix(int capacity) => best = new int[capacity];

    /// <summary>The deepest stack recorded, bottom first.</summary>
    public IReadOnlyList<int> Operations => new ArraySegment<int>(best, 0, bestDepth);

    /// <summary>Called after a push; <paramref name="depth"/> is the new stack depth.</summary>
    public void Pushed(int[] stack, int depth)
    {
        if (depth <= bestDepth)
        {
            return;
        }

        Array.Copy(stack, sharedDepth, best, sharedDepth, depth - sharedDepth);
        bestDepth = depth;
        sharedDepth = depth;
    }

    /// <summary>Called after a pop; <paramref name="depth"/> is the new stack depth.</summary>
    public void Popped(int depth)
    {
        if (depth < sharedDepth)
        {
            sharedDepth = depth;
        }
    }
}
