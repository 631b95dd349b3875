namespace RaftChaos.Storage.Wal;

/// <summary>The record kinds inside a WAL frame. Values are on disk: never renumber.</summary>
internal enum WalRecordType : byte
{
    /// <summary>First record of every segment: its sequence number and the first index it was opened for.</summary>
    SegmentStart = 1,

    /// <summary>Term, vote, commit. The last one replayed wins.</summary>
    HardState = 2,

    /// <summary>A log entry; appending index i discards every entry at or after i.</summary>
    Entry = 3,

    /// <summary>A snapshot file at (index, term) is durable: entries up to index are covered by it.</summary>
    Snapshot = 4,
}
