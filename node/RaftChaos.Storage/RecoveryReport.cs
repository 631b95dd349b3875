namespace RaftChaos.Storage;

/// <summary>
/// The facts of one recovery, for the node to log: how much was read, what was cut or cleaned up.
/// </summary>
/// <param name="SegmentsRead">WAL segment files replayed.</param>
/// <param name="TornTail">The torn tail that was truncated, or null when the log ended cleanly.</param>
/// <param name="RemovedFiles">Leftovers deleted on open: temp files and snapshots no WAL record refers to.</param>
/// <param name="SnapshotIndex">Index of the recovered snapshot, 0 if none.</param>
/// <param name="LastIndex">Last recovered log index.</param>
/// <param name="CreatedNew">True when the directory held no log and a fresh one was created.</param>
public sealed record RecoveryReport(
    int SegmentsRead,
    TornTail? TornTail,
    IReadOnlyList<string> RemovedFiles,
    ulong SnapshotIndex,
    ulong LastIndex,
    bool CreatedNew);
