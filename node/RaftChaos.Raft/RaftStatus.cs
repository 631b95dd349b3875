using RaftChaos.Raft.Membership;

namespace RaftChaos.Raft;

/// <summary>A point-in-time view of a node, for status calls, logs and tests.</summary>
public sealed record RaftStatus
{
    /// <summary>This node's id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Current role.</summary>
    public required RaftRole Role { get; init; }
    /// <summary>Current term.</summary>
    public required ulong Term { get; init; }
    /// <summary>Vote in the current term, or 0.</summary>
    public required ulong Vote { get; init; }
    /// <summary>Known leader, or 0.</summary>
    public required ulong Leader { get; init; }
    /// <summary>Commit index.</summary>
    public required ulong Commit { get; init; }
    /// <summary>Index applied by the application (as of the last Advance).</summary>
    public required ulong Applied { get; init; }
    /// <summary>First index still in the log (entries before it were compacted into the snapshot).</summary>
    public required ulong FirstIndex { get; init; }
    /// <summary>Last index in the log.</summary>
    public required ulong LastIndex { get; init; }
    /// <summary>Current membership.</summary>
    public required ConfState ConfState { get; init; }
    /// <summary>Leadership transfer target while one is under way, else 0.</summary>
    public required ulong LeadTransferee { get; init; }
    /// <summary>Per-voter replication progress; empty unless leader.</summary>
    public required IReadOnlyDictionary<ulong, ProgressStatus> Progress { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Id} {Role} term={Term} vote={Vote} lead={Leader} commit={Commit} applied={Applied} log={FirstIndex}..{LastIndex} voters={ConfState}";
}
