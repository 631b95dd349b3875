namespace RaftChaos;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): the one mixer behind every derived seed and coin of the bed, spelled out
/// instead of <c>HashCode</c> or <c>Random</c> so that a seed gives the same run on every .NET version. One source
/// file, compiled into each project that needs it (the projects share no library: the Raft node, the workloads, the
/// checker and the nightly stay independent).
/// </summary>
internal static class SplitMix64
{
    /// <summary>The increment: 2^64 divided by the golden ratio.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser: a bijection of 64-bit values that spreads every input bit over every output bit.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The next value of the generator whose state is <paramref name="state"/> (advanced by <see cref="Golden"/>).</summary>
    public static ulong Next(ref ulong state) => Mix(unchecked(state += Golden));
}
