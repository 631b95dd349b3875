using System.Formats.Tar;
using System.Text;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Disk faults through the node's disk-fault file (the node reads it before each fsync of its log, see
/// <see cref="DiskFaultSpec"/>). Written with the engine's archive call rather than an exec, because that also works on
/// a stopped container: a node that stopped on fsync-error must be given a healthy disk before it starts again, or
/// it would read the fault and stop at its first sync.
/// </summary>
public sealed class DiskFaultFile(DockerEngine engine, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// A tar holding <paramref name="path"/>'s folder and the file with <paramref name="fault"/>'s line (<c>none</c> for
    /// a healthy disk), to be extracted at the folder's parent. Pure: no I/O.
    /// </summary>
    public static (string ExtractAt, byte[] Archive) PlanWrite(string path, DiskFaultSpec? fault)
    {
        var folder = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' names no folder", nameof(path));
        var parent = Path.GetDirectoryName(folder) ?? throw new ArgumentException($"'{path}' must be at least two levels deep (e.g. /etc/raftchaos/disk-fault)", nameof(path));
        var folderName = Path.GetFileName(folder);
        using var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, folderName + "/")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{folderName}/{Path.GetFileName(path)}")
            {
                // Read by the node's own user; written only by the engine (root).
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(Encoding.ASCII.GetBytes((fault?.ToString() ?? "none") + "\n")),
            });
        }
        return (parent, archive.ToArray());
    }

    /// <summary>Puts <paramref name="fault"/> (null: a healthy disk) into the node's file; works whether it runs or not.</summary>
    public async Task ApplyAsync(NodeTarget target, string path, DiskFaultSpec? fault, CancellationToken cancellationToken)
    {
        var (extractAt, archive) = PlanWrite(path, fault);
        await engine.RunAsync(async (client, ct) =>
        {
            using var stream = new MemoryStream(archive);
            await client.Containers.ExtractArchiveToContainerAsync(target.ContainerId, new CopyToContainerParameters { Path = extractAt }, stream, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (fault is null) Log.FaultHealed(_logger, "disk", target.NodeId, null);
        else Log.FaultApplied(_logger, "disk", $"{target.NodeId} {fault}", null);
    }

    /// <summary>The file's line as the running node would read it, or null when the node does not run or has no file.</summary>
    public async Task<string?> ReadAsync(NodeTarget target, string path, CancellationToken cancellationToken)
    {
        var result = await engine.ExecAsync(target.ContainerId, ["cat", path], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }
}
