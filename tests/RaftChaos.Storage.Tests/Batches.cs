namespace RaftChaos.Storage.Tests;

/// <summary>Builds entries whose data says where they came from, so a recovered log can be checked byte for byte.</summary>
public static class Batches
{
    public static StoredEntry[] Make(ulong first, int count, ulong term, int size = 16) =>
        Enumerable.Range(0, count).Select(i => Entry(first + (ulong)i, term, size)).ToArray();

    public static StoredEntry Entry(ulong index, ulong term, int size = 16)
    {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++)
        {
            data[i] = (byte)(index * 31 + term * 7 + (ulong)i);
        }

        return new StoredEntry(index, term, (byte)(index % 3), data);
    }

    /// <summary>Asserts the entries are exactly first..first+count-1 with the terms given by <paramref name="termOf"/>, data intact.</summary>
    public static void AssertLog(IReadOnlyList<StoredEntry> entries, ulong first, ulong last, Func<ulong, ulong> termOf, int size = 16)
    {
        Assert.That(entries.Select(e => e.Index), Is.EqualTo(Range(first, last)), "indexes");
        foreach (StoredEntry entry in entries)
        {
            StoredEntry expected = Entry(entry.Index, termOf(entry.Index), size);
            Assert.That(entry.Term, Is.EqualTo(expected.Term), $"term of {entry.Index}");
            Assert.That(entry.Kind, Is.EqualTo(expected.Kind), $"kind of {entry.Index}");
            Assert.That(entry.Data.ToArray(), Is.EqualTo(expected.Data.ToArray()), $"data of {entry.Index}");
        }
    }

    public static IEnumerable<ulong> Range(ulong first, ulong last)
    {
        for (ulong i = first; i <= last; i++)
        {
            yield return i;
        }
    }

    public static StoredSnapshot Snapshot(ulong index, ulong term) =>
        new(index, term, new byte[] { 1, 2, 3 }, System.Text.Encoding.UTF8.GetBytes($"state at {index}"));
}
