namespace RaftChaos.Workloads.Running;

/// <summary>
/// Derives independent seeds from the run's seed: one stream per (process slot, purpose), so a slot's operations do
/// not depend on how many random numbers its schedule or another slot drew. SplitMix64 finalizer: nearby inputs give
/// unrelated outputs. (Not <see cref="HashCode"/>, which is randomized per process.)
/// </summary>
internal static class StreamSeeds
{
    /// <summary>The stream of a slot's operations.</summary>
    public const int Operations = 0;

    /// <summary>The stream of a slot's schedule jitter.</summary>
    public const int Schedule = 1;

    /// <summary>The seed of stream <paramref name="stream"/> of <paramref name="slot"/>.</summary>
    public static int For(int seed, int slot, int stream)
    {
        var x = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)slot << 4) ^ (uint)stream;
        x = SplitMix64.Mix(unchecked(x + SplitMix64.Golden));
        return (int)(x & int.MaxValue);
    }
}
