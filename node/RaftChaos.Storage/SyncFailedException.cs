namespace RaftChaos.Storage;

/// <summary>
/// The fdatasync of a WAL frame failed (EIO) and the frame is not on the disk. The store is unusable afterwards: as
/// PostgreSQL learned in 2018 ("fsyncgate"), the kernel may have dropped the dirty pages and marked them clean, so a
/// second fsync can succeed without the data. The caller must stop and recover from what the disk holds.
/// </summary>
public sealed class SyncFailedException : IOException
{
    /// <summary>errno EIO, the error a failed writeback reports.</summary>
    public const int Eio = 5;

    /// <summary>Creates the exception for the frame of <paramref name="frameBytes"/> bytes at <paramref name="offset"/> of <paramref name="file"/>.</summary>
    public SyncFailedException(string file, long offset, int frameBytes, bool injected)
        : base($"fdatasync of '{file}' failed (errno {Eio}, EIO{(injected ? ", injected by the fsync-error disk fault" : "")}): " +
               $"the {frameBytes}-byte frame at byte {offset} is not on the disk; stop and recover from the data directory", Eio)
    {
        File = file;
        Offset = offset;
        FrameBytes = frameBytes;
    }

    /// <summary>The segment file.</summary>
    public string File { get; }

    /// <summary>Where the lost frame starts.</summary>
    public long Offset { get; }

    /// <summary>The lost frame's length.</summary>
    public int FrameBytes { get; }
}
