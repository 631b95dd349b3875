namespace RaftChaos.Checker.Generation;

/// <summary>
/// One fault a <see cref="StressHistoryGenerator"/> plants in an otherwise linearizable history, each the trace of a
/// classic bug. A mutation usually makes the history not linearizable; not always (a stale value may be written again
/// by a concurrent write, a lost write may never be read), so tests judge the result independently.
/// </summary>
public enum HistoryMutation
{
    /// <summary>No fault: linearizable by construction.</summary>
    None,

    /// <summary>A read returns the value a write had replaced, a write that completed before the read began.</summary>
    StaleRead,

    /// <summary>An acknowledged write never takes effect.</summary>
    LostWrite,

    /// <summary>A cas succeeds although it expected a value replaced by a write that completed before it began.</summary>
    StaleCas,

    /// <summary>Two writes, the second begun after the first was acknowledged, take effect in the opposite order.</summary>
    ReorderedWrites,

    /// <summary>A read returns a value no operation ever wrote.</summary>
    NeverWrittenRead,
}
