namespace RaftChaos.Nightly.Planning;

/// <summary>
/// Derives every per-run seed from the nightly seed, so one number replays the whole night. SplitMix64 and FNV-1a are
/// spelled out here (not <see cref="Random"/> or <see cref="string.GetHashCode()"/>) because their output must not
/// change between .NET versions or processes.
/// </summary>
public static class SeedSequence
{
    /// <summary>
    /// The seed of the <paramref name="index"/>-th run of <paramref name="stream"/> (e.g. "clean", or a bug name).
    /// Always in [1, int.MaxValue], which every command-line seed parser accepts.
    /// </summary>
    public static long Derive(long nightlySeed, string stream, int index)
    {
        var state = unchecked((ulong)nightlySeed ^ Fnv1a(stream)) + (ulong)index * SplitMix64.Golden;
        var mixed = SplitMix64.Next(ref state);
        return (long)(mixed % int.MaxValue) + 1;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 0x100000001B3UL);
        }

        return hash;
    }
}
