namespace RaftChaos.Checker.Search;

/// <summary>
/// The set of operations linearized so far, as a bitset over operation indices (ordered by invoke), with an
/// incrementally maintained Zobrist hash. Because operations are numbered in invoke order, the set is nearly a prefix:
/// <see cref="LowWord"/> (first word not all ones) and <see cref="HighWord"/> (last word not zero) bracket the only
/// words that carry information, so the memo stores and compares just that window.
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] words;
    private readonly ulong[] zobrist;

    public LinearizedSet(int count)
    {
        words = new ulong[(count + 63) >> 6];
        zobrist = new ulong[count];

        // Fixed seed: the hash only spreads entries, equality is always checked on the bits, so any seed is correct.
        var seed = SplitMix64.Golden;
        for (var i = 0; i < count; i++)
        {
            zobrist[i] = SplitMix64.Next(ref seed);
        }
    }

    /// <summary>XOR of the Zobrist keys of the members.</summary>
    public ulong Hash { get; private set; }

    /// <summary>Index of the first word that is not all ones (every lower word is full).</summary>
    public int LowWord { get; private set; }

    /// <summary>Index of the last word that is not zero, or -1 when empty (every higher word is zero).</summary>
    public int HighWord { get; private set; } = -1;

    /// <summary>The words between <see cref="LowWord"/> and <see cref="HighWord"/>: with LowWord, they define the set.</summary>
    public ReadOnlySpan<ulong> Window =>
        HighWord >= LowWord ? new ReadOnlySpan<ulong>(words, LowWord, HighWord - LowWord + 1) : [];

    public bool Contains(int index) => (words[index >> 6] & (1UL << index)) != 0;

    public void Add(int index)
    {
        var word = index >> 6;
        words[word] |= 1UL << index;
        Hash ^= zobrist[index];
        if (word > HighWord)
        {
            HighWord = word;
        }

        if (word == LowWord)
        {
            var low = LowWord;
            while (low < words.Length && words[low] == ulong.MaxValue)
            {
                low++;
            }

            LowWord = low;
        }
    }

    public void Remove(int index)
    {
        var word = index >> 6;
        words[word] &= ~(1UL << index);
        Hash ^= zobrist[index];
        if (word < LowWord)
        {
            LowWord = word;
        }

        if (word == HighWord)
        {
            var high = HighWord;
            while (high >= 0 && words[high] == 0)
            {
                high--;
            }

            HighWord = high;
        }
    }
}
