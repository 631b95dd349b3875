namespace RaftChaos.Storage.Tests;

/// <summary>A data directory under the temp folder, deleted on dispose.</summary>
public sealed class TempStoreDirectory : IDisposable
{
    public TempStoreDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "raftchaos-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Wal => System.IO.Path.Combine(Path, "wal");

    public string Snap => System.IO.Path.Combine(Path, "snap");

    public string[] Segments() => Directory.GetFiles(Wal, "*.seg").Order(StringComparer.Ordinal).ToArray();

    public string[] Snapshots() => Directory.GetFiles(Snap, "*.snap").Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Options for this directory. Preallocation is off unless asked for, so that a segment's length is exactly its
    /// frames and byte-level damage tests can aim at them; <see cref="PreallocationTests"/> covers it.
    /// </summary>
    public StorageOptions Options(long segmentBytes = 64L * 1024 * 1024, long preallocateBytes = 0) =>
        new() { Directory = Path, SegmentBytes = segmentBytes, PreallocateBytes = preallocateBytes };

    public Task<DurableStore> OpenAsync(long segmentBytes = 64L * 1024 * 1024, long preallocateBytes = 0) =>
        DurableStore.OpenAsync(Options(segmentBytes, preallocateBytes), CancellationToken.None);

    /// <summary>A copy of this directory, for trying many damages on one original.</summary>
    public TempStoreDirectory Clone()
    {
        var copy = new TempStoreDirectory();
        foreach (string file in Directory.GetFiles(Path, "*", SearchOption.AllDirectories))
        {
            string target = System.IO.Path.Combine(copy.Path, System.IO.Path.GetRelativePath(Path, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
