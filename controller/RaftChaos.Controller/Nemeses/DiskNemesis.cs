using RaftChaos.Checker.History;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Disk faults in the nodes' storage (see <see cref="DiskFaultSpec"/>): each start stalls every log fsync of one node
/// or of the leader by 50–1000 ms (<c>fsync-delay</c>; a leader whose loop waits on its disk stops sending heartbeats),
/// or makes the fsyncs of one node, the leader, a majority or every node fail with EIO (<c>fsync-error</c>; a correct
/// node stops at its next sync). Stop clears the fault, and a node that had fsync-error is killed (a no-op when it
/// stopped as it should) and started again from what its disk holds: the lost batches are not there, so a node that
/// went on after the failure and acknowledged them (the <c>continue-after-fsync-error</c> bug) forgets them, and when
/// a majority or every node did, acknowledged writes are gone from the cluster. Records <c>start-disk</c> with
/// <c>[fault, [nodes]]</c> and <c>stop-disk</c> with the nodes.
/// </summary>
public sealed class DiskNemesis : INemesis
{
    /// <summary>The fault choices, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["delay-one", "delay-leader", "error-one", "error-leader", "error-majority", "error-all"];

    /// <summary>The shortest and longest stall of fsync-delay (the longest is a few election timeouts).</summary>
    public static (int Min, int Max) DelayRangeMs { get; } = (50, 1000);

    private List<string> _nodes = [];
    private DiskFaultSpec? _fault;

    /// <inheritdoc />
    public string Kind => "disk";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Disk | TargetCapabilities.Kill;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var mode = Modes[context.Random.Next(Modes.Count)];
        var shuffled = cluster.NodeIds.ToArray();
        context.Random.Shuffle(shuffled);
        var delayMs = context.Random.Next(DelayRangeMs.Min, DelayRangeMs.Max + 1);
        var leader = mode.EndsWith("-leader", StringComparison.Ordinal) ? await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false) : null;
        _nodes = mode switch
        {
            "error-all" => [.. shuffled],
            "error-majority" => [.. shuffled.Take((shuffled.Length / 2) + 1)],
            _ => [leader ?? shuffled[0]],
        };
        _fault = mode.StartsWith("delay", StringComparison.Ordinal)
            ? new DiskFaultSpec(DiskFaultSpec.FsyncDelay, delayMs)
            : new DiskFaultSpec(DiskFaultSpec.FsyncError);
        context.Record("start-disk", HistoryValue.ListOf(HistoryValue.Of(_fault.ToString()), NemesisContext.Nodes(_nodes)));
        Active = $"disk {mode} {_fault} {string.Join(",", _nodes)}";
        await Task.WhenAll(_nodes.Select(n => cluster.SetDiskFaultAsync(n, _fault, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null || _fault is null) return;
        var cluster = context.Cluster;
        var restart = _fault.Name == DiskFaultSpec.FsyncError;
        // Every faulted node is killed before any is cleared and started: a node that went on after the failure must not
        // write anything more on a healthy disk behind the batches it lost, nor hand what it holds only in memory to a
        // node already started again from its disk (which would then hold it durably, and hide the loss).
        if (restart) await Task.WhenAll(_nodes.Select(n => cluster.KillAsync(n, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(_nodes.Select(n => cluster.SetDiskFaultAsync(n, null, cancellationToken))).ConfigureAwait(false);
        if (restart) await Task.WhenAll(_nodes.Select(n => cluster.StartNodeAsync(n, cancellationToken))).ConfigureAwait(false);
        context.Record("stop-disk", NemesisContext.Nodes(_nodes));
        _nodes = [];
        _fault = null;
        Active = null;
    }
}
