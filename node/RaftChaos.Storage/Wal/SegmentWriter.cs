using Microsoft.Win32.SafeHandles;
using RaftChaos.Storage.FileSystem;

namespace RaftChaos.Storage.Wal;

/// <summary>
/// The open tail segment. Invariant: <see cref="Length"/> bytes of the file are written and fsynced; nothing
/// is ever written past them except by <see cref="WriteAndSync"/>, one whole frame at a time.
/// </summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SegmentWriter(SafeFileHandle handle, string path, SegmentName name, long length)
    {
        _handle = handle;
        Path = path;
        Name = name;
        Length = length;
    }

    public string Path { get; }

    public SegmentName Name { get; }

    public long Length { get; private set; }

    /// <summary>
    /// Creates a segment atomically (temp, fsync, rename, fsync dir) so it is never seen without its header.
    /// The header frame records the segment's identity and the state that would otherwise live only in the
    /// segments a later snapshot may delete: the hard state and the snapshot marker.
    /// </summary>
    public static async ValueTask<SegmentWriter> CreateAsync(
        string walDirectory, SegmentName name, StoredHardState hardState, ulong snapshotIndex, ulong snapshotTerm, StorageStatistics statistics, CancellationToken cancellationToken)
    {
        var header = new WalBatch(256);
        header.AddSegmentStart(name.Sequence, name.FirstIndex);
        header.AddHardState(hardState);
        if (snapshotIndex > 0)
        {
            header.AddSnapshot(snapshotIndex, snapshotTerm, replacesLog: false);
        }

        ReadOnlyMemory<byte> frame = header.Seal();
        string path = System.IO.Path.Combine(walDirectory, name.FileName);
        await AtomicFile.WriteAsync(path, [frame], statistics, cancellationToken).ConfigureAwait(false);
        statistics.OnWalWrite(frame.Length);
        statistics.OnWalSync();
        statistics.OnSegmentCreated();
        return Open(path, name, frame.Length);
    }

    /// <summary>Opens an existing segment whose first <paramref name="length"/> bytes are verified frames.</summary>
    public static SegmentWriter Open(string path, SegmentName name, long length)
    {
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        return new SegmentWriter(handle, path, name, length);
    }

    /// <summary>One write, one fdatasync: the group commit. Not cancellable once started, so the file never holds half a frame we know of.</summary>
    public void WriteAndSync(ReadOnlySpan<byte> frame, StorageStatistics statistics)
    {
        RandomAccess.Write(_handle, frame, Length);
        statistics.OnWalWrite(frame.Length);
        // fdatasync: the frame and the new file size are what recovery needs; the mtime is not worth a flush.
        FileSync.DataSync(_handle);
        statistics.OnWalSync();
        Length += frame.Length;
    }

    public void Dispose() => _handle.Dispose();
}
