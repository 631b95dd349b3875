namespace RaftChaos.Controller.Targets;

/// <summary>Faults and features a system under test supports. Network partitions need nothing of the image (they run from a helper container in the node's network namespace).</summary>
[Flags]
public enum TargetCapabilities
{
    /// <summary>Nothing beyond partitions.</summary>
    None = 0,
    /// <summary>SIGKILL a node and start it again with its data.</summary>
    Kill = 1,
    /// <summary>Freeze a node's container and thaw it.</summary>
    Pause = 2,
    /// <summary>Clock faults through libfaketime: needs a process that reads the clock through libc (a static Go binary does not).</summary>
    Clock = 4,
    /// <summary>Leader and status discovery (failover figures, leader-targeted faults).</summary>
    LeaderDiscovery = 8,
    /// <summary>Crash failpoints inside the node (<c>--failpoint</c>).</summary>
    Failpoints = 16,
    /// <summary>Membership changes (add, remove members).</summary>
    Membership = 32,
    /// <summary>Disk faults inside the node (a stalled or failing fsync, through its disk-fault file).</summary>
    Disk = 64,
    /// <summary>The client does the kv model's <c>append</c> as one attempt per recorded operation; a chaos run's kv workload then mixes appends in.</summary>
    Append = 128,
}
