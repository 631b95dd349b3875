using System.Runtime.InteropServices;

namespace RaftChaos.Storage.FileSystem;

/// <summary>
/// fsync of a directory, so that a create, rename or delete inside it survives a power cut. .NET cannot open
/// a directory as a file on Unix, hence libc. On Windows (not a target) directory metadata needs no fsync.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory, StorageStatistics statistics)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            statistics.OnDirectorySync();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
