using System.Runtime.CompilerServices;

namespace RaftChaos.Checker.Search;

/// <summary>
/// The memo of explored configurations, (linearized set, model state id), as an open-addressing hash set. Each entry
/// keeps the set's window (see <see cref="LinearizedSet"/>) in one shared arena, so an entry costs a few dozen bytes
/// rather than a bitset of every operation. Growth is reserved from the <see cref="SearchBudget"/> first.
/// <para>
/// Most lookups find the configuration already there (each arrival tries every candidate), and on a large memo each
/// probe is a cache miss: so a bucket holds 32 bits of the hash beside the entry's number, and a probe that passes a
/// different configuration is rejected there, without reading the entry or its window (the profile of a 500-operation
/// stress history had more than half its time in this loop).
/// </para>
/// </summary>
internal sealed class LinearizedSetMemo : IDisposable
{
    private const int InitialCapacity = 256;
    private const ulong TagMask = 0xFFFF_FFFF_0000_0000UL;

    private readonly SearchBudget budget;
    private ulong[] buckets = new ulong[InitialCapacity * 2];
    private Entry[] entries = new Entry[InitialCapacity];
    private ulong[] arena = new ulong[InitialCapacity];
    private int count;
    private int arenaCount;
    private long reservedBytes;

    public LinearizedSetMemo(SearchBudget budget)
    {
        this.budget = budget;
        reservedBytes = SizeOf(buckets.Length, entries.Length, arena.Length);
        budget.TryReserve(reservedBytes);
    }

    /// <summary>Configurations remembered.</summary>
    public int Count => count;

    /// <summary>Remembers (<paramref name="set"/>, <paramref name="state"/>) unless it is already there.</summary>
    public MemoAddResult TryAdd(LinearizedSet set, int state)
    {
        var hash = Mix(set.Hash, state);
        var window = set.Window;
        var lowWord = set.LowWord;
        var mask = buckets.Length - 1;
        var bucket = (int)(hash >> 32) & mask;
        var tag = (ulong)(uint)hash << 32;
        while (true)
        {
            var slot = buckets[bucket];
            if (slot == 0)
            {
                break;
            }

            if ((slot & TagMask) != tag)
            {
                bucket = (bucket + 1) & mask;
                continue;
            }

            ref var entry = ref entries[(int)(uint)slot - 1];
            if (entry.Hash == hash && entry.State == state && entry.LowWord == lowWord && entry.WindowLength == window.Length
                && window.SequenceEqual(new ReadOnlySpan<ulong>(arena, entry.WindowStart, entry.WindowLength)))
            {
                return MemoAddResult.Present;
            }

            bucket = (bucket + 1) & mask;
        }

        if (!EnsureRoom(window.Length))
        {
            return MemoAddResult.OutOfMemory;
        }

        if (buckets.Length - 1 != mask)
        {
            // The table grew: find the insertion slot again.
            mask = buckets.Length - 1;
            bucket = (int)(hash >> 32) & mask;
            while (buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }
        }

        window.CopyTo(new Span<ulong>(arena, arenaCount, window.Length));
        entries[count] = new Entry(hash, state, lowWord, arenaCount, window.Length);
        arenaCount += window.Length;
        buckets[bucket] = tag | (uint)++count;
        return MemoAddResult.Added;
    }

    /// <summary>Returns the reserved memory to the budget.</summary>
    public void Dispose()
    {
        budget.Release(reservedBytes);
        reservedBytes = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong setHash, int state)
    {
        var hash = setHash ^ ((ulong)(uint)state * 0xD6E8FEB86659FD93UL);
        hash ^= hash >> 29;
        return hash * 0xBF58476D1CE4E5B9UL;
    }

    private static long SizeOf(long bucketCount, long entryCount, long arenaLength) =>
        (bucketCount * sizeof(ulong)) + (entryCount * Unsafe.SizeOf<Entry>()) + (arenaLength * sizeof(ulong));

    // Grows entries/buckets (load factor 1/2) and the arena when needed, reserving the new size first.
    private bool EnsureRoom(int windowLength)
    {
        var entryCapacity = entries.Length;
        var arenaCapacity = arena.Length;
        while (count + 1 > entryCapacity)
        {
            entryCapacity *= 2;
        }

        while ((long)arenaCount + windowLength > arenaCapacity)
        {
            arenaCapacity = checked(arenaCapacity * 2);
        }

        if (entryCapacity == entries.Length && arenaCapacity == arena.Length)
        {
            return true;
        }

        var bucketCapacity = entryCapacity * 2L;
        var newSize = SizeOf(bucketCapacity, entryCapacity, arenaCapacity);

        // Old and new arrays coexist while copying, so the whole new size is reserved before the old is released.
        if (!budget.TryReserve(newSize))
        {
            return false;
        }

        if (arenaCapacity != arena.Length)
        {
            Array.Resize(ref arena, arenaCapacity);
        }

        if (entryCapacity != entries.Length)
        {
            Array.Resize(ref entries, entryCapacity);
            Rehash((int)bucketCapacity);
        }

        budget.Release(reservedBytes);
        reservedBytes = newSize;
        return true;
    }

    private void Rehash(int bucketCount)
    {
        buckets = new ulong[bucketCount];
        var mask = bucketCount - 1;
        for (var i = 0; i < count; i++)
        {
            var hash = entries[i].Hash;
            var bucket = (int)(hash >> 32) & mask;
            while (buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            buckets[bucket] = ((ulong)(uint)hash << 32) | (uint)(i + 1);
        }
    }

    /// <summary>One remembered configuration; its window lives in the arena.</summary>
    private readonly record struct Entry(ulong Hash, int State, int LowWord, int WindowStart, int WindowLength);
}
