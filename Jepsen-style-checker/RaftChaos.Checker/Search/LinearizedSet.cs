namespace RaftChaos.Checker.Search;

/// <summary>
/// The set of operations linearized so far, as a bitset with an incrementally maintained Zobrist hash, laid out so that
/// the memo stores only a few words per configuration.
/// <para>
/// Ok operations take the first bits, in invoke order: every ok operation must be linearized before the walk passes its
/// return, so their part of the set is nearly a prefix, and <see cref="LowWord"/> (first word not all ones) and the last
/// word that is not zero bracket the only words that carry information. Info operations take whole words of their own
/// after that. They never return, so an info write the search has not needed stays out of the set for the rest of the
/// history: numbered among the ok operations, the first such one pinned the low end of the window at the start of the
/// history, and the window grew with the history (19 words on average on a 2,000-operation stress history, against 1-3
/// with this layout). <see cref="Window"/> is the ok window followed by every info word.
/// </para>
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] words;
    private readonly ulong[] zobrist;
    private readonly int[] bitOf;
    private readonly int okWords;
    private readonly ulong[] window;
    private int highOkWord = -1;

    /// <summary>Creates an empty set over operations indexed 0 .. isOk.Length-1; <paramref name="isOk"/> says which are ok.</summary>
    public LinearizedSet(IReadOnlyList<bool> isOk)
    {
        var count = isOk.Count;
        var okCount = isOk.Count(ok => ok);
        okWords = (okCount + 63) >> 6;
        var infoWords = (count - okCount + 63) >> 6;
        words = new ulong[okWords + infoWords];
        window = new ulong[okWords + infoWords];
        bitOf = new int[count];
        var (nextOk, nextInfo) = (0, okWords << 6);
        for (var i = 0; i < count; i++)
        {
            bitOf[i] = isOk[i] ? nextOk++ : nextInfo++;
        }

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

    /// <summary>Index of the first word of the ok part that is not all ones (every lower word is full).</summary>
    public int LowWord { get; private set; }

    /// <summary>
    /// The ok part's words from <see cref="LowWord"/> to its last word that is not zero, then every info word: with
    /// LowWord, they define the set (the number of info words is fixed per search). Valid until the next change.
    /// </summary>
    public ReadOnlySpan<ulong> Window
    {
        get
        {
            var okLength = Math.Max(0, highOkWord - LowWord + 1);
            var infoLength = words.Length - okWords;
            Array.Copy(words, LowWord, window, 0, okLength);
            Array.Copy(words, okWords, window, okLength, infoLength);
            return new ReadOnlySpan<ulong>(window, 0, okLength + infoLength);
        }
    }

    public bool Contains(int index)
    {
        var bit = bitOf[index];
        return (words[bit >> 6] & (1UL << bit)) != 0;
    }

    public void Add(int index)
    {
        var bit = bitOf[index];
        var word = bit >> 6;
        words[word] |= 1UL << bit;
        Hash ^= zobrist[index];
        if (word >= okWords)
        {
            return;
        }

        if (word > highOkWord)
        {
            highOkWord = word;
        }

        if (word == LowWord)
        {
            var low = LowWord;
            while (low < okWords && words[low] == ulong.MaxValue)
            {
                low++;
            }

            LowWord = low;
        }
    }

    public void Remove(int index)
    {
        var bit = bitOf[index];
        var word = bit >> 6;
        words[word] &= ~(1UL << bit);
        Hash ^= zobrist[index];
        if (word >= okWords)
        {
            return;
        }

        if (word < LowWord)
        {
            LowWord = word;
        }

        if (word == highOkWord)
        {
            var high = highOkWord;
            while (high >= 0 && words[high] == 0)
            {
                high--;
            }

            highOkWord = high;
        }
    }
}
