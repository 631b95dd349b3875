using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// Disk faults at the cluster level: the fault each node's disk-fault file holds. A node healed from fsync-error is
/// started again from what its disk holds, never left running: a node that went on after a failed fsync (a bug) would
/// otherwise keep the acknowledged data that its disk lost.
/// </summary>
public sealed partial class RaftCluster
{
    private readonly Dictionary<string, string> _diskFaultFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiskFaultSpec> _diskFaults = new(StringComparer.Ordinal);

    /// <summary>The disk faults in force, by node.</summary>
    public IReadOnlyDictionary<string, DiskFaultSpec> DiskFaults
    {
        get { lock (_faultGate) return new Dictionary<string, DiskFaultSpec>(_diskFaults, StringComparer.Ordinal); }
    }

    /// <inheritdoc />
    public async Task SetDiskFaultAsync(string nodeId, DiskFaultSpec? fault, CancellationToken cancellationToken)
    {
        Require(TargetCapabilities.Disk, "disk");
        var node = this[nodeId];
        var path = _diskFaultFiles.GetValueOrDefault(nodeId)
            ?? throw new NotSupportedException($"target '{Target.Name}' gave {nodeId} no disk-fault file (NodeContainerSpec.DiskFaultFile)");
        await SiteOf(nodeId).Disk.ApplyAsync(node.Target, path, fault, cancellationToken).ConfigureAwait(false);
        lock (_faultGate)
        {
            if (fault is null) _diskFaults.Remove(nodeId);
            else _diskFaults[nodeId] = fault;
        }
    }

    /// <summary>
    /// Clears every disk fault; a node that had fsync-error is killed (a no-op when it already stopped) so that the
    /// heal starts it again from its disk.
    /// </summary>
    private async Task HealDisksAsync(CancellationToken cancellationToken)
    {
        List<(string Node, DiskFaultSpec Fault)> faults;
        lock (_faultGate) faults = [.. _diskFaults.Select(f => (f.Key, f.Value))];
        foreach (var (nodeId, fault) in faults)
        {
            if (fault.Name == DiskFaultSpec.FsyncError) await KillAsync(nodeId, cancellationToken).ConfigureAwait(false);
            await SetDiskFaultAsync(nodeId, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A sentence when the running node's disk-fault file names a fault, else null.</summary>
    private async Task<string?> DiskProblemAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        if (!_diskFaultFiles.TryGetValue(node.Id, out var path)) return null;
        var line = await SiteOf(node.Id).Disk.ReadAsync(node.Target, path, cancellationToken).ConfigureAwait(false);
        return line is null or "" or "none" ? null : $"{node.Id}'s disk-fault file still says '{line}'";
    }
}
