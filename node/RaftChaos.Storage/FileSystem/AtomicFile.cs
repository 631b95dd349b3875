using Microsoft.Win32.SafeHandles;

namespace RaftChaos.Storage.FileSystem;

/// <summary>
/// Writes a whole file so that after a crash it either exists complete or not at all:
/// write <c>name.tmp</c>, fsync it, rename over <c>name</c>, fsync the directory.
/// Leftover <c>*.tmp</c> files are removed when the store opens.
/// </summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static async ValueTask WriteAsync(string path, IReadOnlyList<ReadOnlyMemory<byte>> parts, StorageStatistics statistics, CancellationToken cancellationToken)
    {
        string temp = path + TempSuffix;
        using (SafeFileHandle handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            long offset = 0;
            foreach (ReadOnlyMemory<byte> part in parts)
            {
                await RandomAccess.WriteAsync(handle, part, offset, cancellationToken).ConfigureAwait(false);
                offset += part.Length;
            }

            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!, statistics);
    }
}
