using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RaftChaos.Storage.FileSystem;

/// <summary>
/// Makes a file's written data durable. On Linux this is fdatasync(2) rather than fsync(2): it flushes the data
/// and the metadata needed to read it back (the file size after an append) but not timestamps, so the WAL's
/// per-batch sync does not also write an mtime update. .NET has no fdatasync API, hence libc; elsewhere
/// <see cref="RandomAccess.FlushToDisk"/> (fsync).
/// </summary>
internal static partial class FileSync
{
    /// <summary>errno EINTR: the call was interrupted by a signal before it did anything; try again.</summary>
    private const int Interrupted = 4;

    /// <summary>Flushes <paramref name="handle"/>'s data and size to stable storage; throws <see cref="IOException"/> on failure.</summary>
    public static void DataSync(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            int result;
            int errno;
            do
            {
                result = Fdatasync(fd);
                errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            }
            while (result != 0 && errno == Interrupted);

            if (result != 0)
            {
                throw new IOException($"fdatasync failed (errno {errno}).");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(int fd);
}
