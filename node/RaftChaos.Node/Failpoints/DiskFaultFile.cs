using Microsoft.Extensions.Logging;
using RaftChaos.Node.Client;
using RaftChaos.Storage;

namespace RaftChaos.Node.Failpoints;

/// <summary>
/// The disk fault in force, read from <c>--disk-fault-file</c> before each fsync of the log (see
/// <see cref="DiskFaultSpec"/>). A file rather than an RPC: the test bed arms and heals it by writing the file into the
/// container, even while the node is stopped (so a node that stopped on fsync-error starts again on a healthy disk),
/// and the node needs no admin surface that a stalled loop would have to answer. Read at every fsync (about 20 µs, a
/// fraction of the sync): its time stamp cannot tell two writes apart, since the engine's archive call sets it from a
/// tar header in whole seconds.
/// </summary>
internal sealed class DiskFaultFile
{
    private readonly string _path;
    private readonly ILogger _logger;
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
        string text;
        try
        {
            text = File.ReadAllText(_path).Trim();
        }
        catch (FileNotFoundException)
        {
            return Set(SyncFault.None, "none");
        }
        catch (DirectoryNotFoundException)
        {
            return Set(SyncFault.None, "none");
        }
        catch (IOException)
        {
            return _current; // replaced while we read it: the next fsync reads it again
        }
        if (text == _currentText)
        {
            return _current;
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
