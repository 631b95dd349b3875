using Microsoft.Extensions.Logging;
using RaftChaos.Node.Client;
using RaftChaos.Storage;

namespace RaftChaos.Node.Failpoints;

/// <summary>
/// The disk fault in force, read from <c>--disk-fault-file</c> before each fsync of the log (see
/// <see cref="DiskFaultSpec"/>). A file rather than an RPC: the test bed arms and heals it by writing the file into the
/// container, even while the node is stopped (so a node that stopped on fsync-error starts again on a healthy disk),
/// and the node needs no admin surface that a stalled loop would have to answer. Only a stat per fsync while the file
/// is unchanged; it is read again when its time or size changes.
/// </summary>
internal sealed class DiskFaultFile
{
    private readonly string _path;
    private readonly ILogger _logger;
    private (DateTime WriteTime, long Length) _seen;
    private SyncFault _current = SyncFault.None;
    private string _currentText = "none";

    public DiskFaultFile(string path, ILogger logger)
    {
        _path = path;
        _logger = logger;
    }

    /// <summary>The fault to inject into the next fsync (called on the loop's thread, by the storage).</summary>
    public SyncFault Current()
    {
        var file = new FileInfo(_path);
        if (!file.Exists)
        {
            return Set(SyncFault.None, "none");
        }
        var seen = (file.LastWriteTimeUtc, file.Length);
        if (seen == _seen)
        {
            return _current;
        }
        _seen = seen;
        string text;
        try
        {
            text = File.ReadAllText(_path).Trim();
        }
        catch (IOException)
        {
            return _current; // replaced while we read it: the next fsync reads it again
        }
        if (!DiskFaultSpec.TryParse(text, out var spec, out var error))
        {
            Log.DiskFaultInvalid(_logger, _path, error);
            return Set(SyncFault.None, "none");
        }
        return spec is null ? Set(SyncFault.None, "none") : Set(ToSyncFault(spec), spec.ToString());
    }

    /// <summary>The storage's form of <paramref name="spec"/>.</summary>
    internal static SyncFault ToSyncFault(DiskFaultSpec spec) => spec.Name == DiskFaultSpec.FsyncError
        ? new SyncFault(TimeSpan.Zero, Fail: true)
        : new SyncFault(TimeSpan.FromMilliseconds(spec.DelayMs), Fail: false);

    private SyncFault Set(SyncFault fault, string text)
    {
        if (text != _currentText)
        {
            Log.DiskFaultChanged(_logger, text, _currentText);
            _currentText = text;
        }
        _current = fault;
        return fault;
    }
}
