namespace RaftChaos.Storage.Wal;

/// <summary>The segment files of a WAL directory, in sequence order, checked to have no gaps.</summary>
internal static class SegmentDirectory
{
    public static List<SegmentName> List(string walDirectory)
    {
        var names = new List<SegmentName>();
        foreach (string path in Directory.EnumerateFiles(walDirectory, "*" + SegmentName.Extension))
        {
            string fileName = Path.GetFileName(path);
            SegmentName name = SegmentName.TryParse(fileName)
                ?? throw new StorageCorruptException(
                    $"Unexpected file '{path}' in the WAL directory: not a segment name (SEQUENCE-FIRSTINDEX.seg). Move it out of the directory and start again.",
                    path,
                    0);
            names.Add(name);
        }

        names.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        for (int i = 1; i < names.Count; i++)
        {
            if (names[i].Sequence != names[i - 1].Sequence + 1)
            {
                string path = Path.Combine(walDirectory, names[i].FileName);
                throw new StorageCorruptException(
                    $"WAL segment '{path}' does not follow '{names[i - 1].FileName}': a segment between them is missing. "
                    + "Refusing to start with a hole in the log; restore the missing segment, or wipe the data directory and re-add the node to the cluster.",
                    path,
                    0);
            }
        }

        return names;
    }
}
