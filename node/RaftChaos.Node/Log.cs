using Microsoft.Extensions.Logging;

namespace RaftChaos.Node;

/// <summary>Every log event of the node, with stable ids. Field names become logfmt keys (snake case).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "node starting")]
    public static partial void Starting(ILogger logger, string listen, string advertise, string peers, string dataDir,
        int tickMs, int electionTicks, int heartbeatTicks, string unsafeSwitches, int maxValueBytes, int snapshotEntries);

    [LoggerMessage(2, LogLevel.Warning, "unsafe switch on: this node deliberately breaks a Raft guarantee")]
    public static partial void UnsafeOn(ILogger logger, string name);

    [LoggerMessage(3, LogLevel.Information, "recovered from disk")]
    public static partial void Recovered(ILogger logger, ulong term, ulong vote, ulong commit, ulong snapshotIndex,
        ulong lastIndex, int entries, int segments, bool createdNew, long elapsedMs);

    [LoggerMessage(4, LogLevel.Warning, "cut a torn record off the end of the log (unsynced data of a crash)")]
    public static partial void TornTailCut(ILogger logger, string file, long offset, long bytesDropped, string reason);

    [LoggerMessage(5, LogLevel.Information, "role changed")]
    public static partial void RoleChanged(ILogger logger, string role, string previousRole, ulong term, string leader);

    [LoggerMessage(6, LogLevel.Information, "election started")]
    public static partial void ElectionStarted(ILogger logger, string role, ulong term);

    [LoggerMessage(7, LogLevel.Information, "leader changed")]
    public static partial void LeaderChanged(ILogger logger, string leader, ulong term);

    [LoggerMessage(8, LogLevel.Information, "term changed")]
    public static partial void TermChanged(ILogger logger, ulong term, ulong previousTerm, string vote);

    [LoggerMessage(9, LogLevel.Information, "snapshot taken and log compacted")]
    public static partial void SnapshotTaken(ILogger logger, ulong index, ulong term, int keys, int bytes, long elapsedMs);

    [LoggerMessage(10, LogLevel.Information, "snapshot installed from the leader")]
    public static partial void SnapshotInstalled(ILogger logger, ulong index, ulong term, int keys, int bytes);

    [LoggerMessage(11, LogLevel.Information, "connected to peer")]
    public static partial void PeerConnected(ILogger logger, string peer, string address);

    [LoggerMessage(12, LogLevel.Warning, "lost connection to peer")]
    public static partial void PeerDisconnected(ILogger logger, string peer, string address, string reason);

    [LoggerMessage(13, LogLevel.Warning, "rejected a peer batch addressed to another cluster or node")]
    public static partial void PeerBatchRejected(ILogger logger, string from, string to, string remote);

    [LoggerMessage(14, LogLevel.Information, "listening")]
    public static partial void Listening(ILogger logger, string listen);

    [LoggerMessage(15, LogLevel.Information, "stopping (signal or shutdown)")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(16, LogLevel.Information, "stopped cleanly")]
    public static partial void Stopped(ILogger logger, ulong term, ulong applied);

    [LoggerMessage(17, LogLevel.Critical, "the Raft loop failed; the node stops")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Critical, "the data directory is corrupt; refusing to start")]
    public static partial void StorageCorrupt(ILogger logger, string file, long offset, string reason);

    [LoggerMessage(19, LogLevel.Information, "proposals abandoned: leadership lost after proposing")]
    public static partial void ProposalsAbandoned(ILogger logger, int proposals, int reads, ulong term);

    [LoggerMessage(20, LogLevel.Debug, "removed leftover files on start-up")]
    public static partial void RemovedFiles(ILogger logger, string files);

    [LoggerMessage(21, LogLevel.Warning, "failpoint fired: killing this process with SIGKILL")]
    public static partial void FailpointFired(ILogger logger, string failpoint, ulong term);

    [LoggerMessage(22, LogLevel.Warning, "failpoint armed: this node will crash on purpose (chaos testing only)")]
    public static partial void FailpointArmed(ILogger logger, string failpoint, int seed);

    [LoggerMessage(23, LogLevel.Error, "failpoint cannot fire: this node is PID 1 of its container, and the kernel ignores a SIGKILL PID 1 sends itself; run the container with --init")]
    public static partial void FailpointIneffective(ILogger logger, string failpoint);

    [LoggerMessage(24, LogLevel.Critical, "a leader sent an entry that conflicts with one this node knows to be committed: state-machine safety is broken (only an --unsafe bug allows this)")]
    public static partial void CommittedEntryConflict(ILogger logger, ulong index, ulong committed, ulong localTerm, ulong leaderTerm);

    [LoggerMessage(25, LogLevel.Warning, "disk fault changed (chaos testing only)")]
    public static partial void DiskFaultChanged(ILogger logger, string fault, string previous);

    [LoggerMessage(26, LogLevel.Error, "the disk-fault file names no known fault; running on a healthy disk")]
    public static partial void DiskFaultInvalid(ILogger logger, string file, string reason);

    [LoggerMessage(27, LogLevel.Critical, "an fsync of the log failed: the node stops, since it cannot know what reached the disk (it never retries the sync)")]
    public static partial void SyncFailed(ILogger logger, string file, long offset, int frameBytes, string reason);

    [LoggerMessage(28, LogLevel.Critical, "an fsync of the log failed and this node goes on as if the batch were durable (only an --unsafe bug allows this)")]
    public static partial void SyncFailureIgnored(ILogger logger, long failures, ulong term);

    [LoggerMessage(29, LogLevel.Information, "membership change proposed")]
    public static partial void MembershipProposed(ILogger logger, string change, ulong index, ulong term);

    [LoggerMessage(30, LogLevel.Information, "membership change applied: the voters in force on this node")]
    public static partial void MembershipApplied(ILogger logger, string change, ulong index, ulong term, string voters);

    [LoggerMessage(31, LogLevel.Information, "configuration in force: the voters of the membership entry at index/term, with this node's commit index at that moment")]
    public static partial void ConfigInForce(ILogger logger, ulong index, ulong term, ulong commit, string voters);

    [LoggerMessage(32, LogLevel.Information, "the stream from the leader closed; campaigning after a short random delay unless it is heard again")]
    public static partial void LeaderConnectionLost(ILogger logger, string leader, ulong term);
}
